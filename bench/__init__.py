"""Benchmarks: synthetic data at scale and the timing of the map page (run with `make bench`)."""
