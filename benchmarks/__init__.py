"""Benchmarks: they print and write figures, they assert nothing about time.

``python -m benchmarks run --out DIR [--quick]`` is the one report (``benchmarks.run``);
``retrieval.py``, ``routing.py`` and ``ingestion_scale.py`` are the focused studies it
draws on.
"""
