"""Benchmarks: ``python -m bench`` runs every ``bench/bench_*.py`` module's ``run() -> str``.

Each module measures one thing (batch throughput, reader accuracy, ...) and returns its result
as a small text table; results worth keeping go under bench/results/ (not committed).
"""
