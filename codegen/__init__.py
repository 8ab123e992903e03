"""The generator of the SDK's generated modules (``python -m codegen``); see README.md."""
