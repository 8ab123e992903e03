"""Performance benchmarks (dev tooling, not tests): ``python -m bench``; see bench/run.py."""
