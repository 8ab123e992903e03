"""Hand-written runtime: transport, errors, broker bases."""
