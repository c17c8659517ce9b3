"""``python -m benchmarks run --out DIR [--quick]``: see ``benchmarks.run``."""

from benchmarks.run import main

if __name__ == "__main__":
    raise SystemExit(main())
