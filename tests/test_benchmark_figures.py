"""The benchmark report's summary figures (``benchmarks/run.py``)."""

from __future__ import annotations

import pytest

from benchmarks.run import percentile, summary


@pytest.mark.parametrize(
    ("n", "rank"), [(1, 1), (7, 7), (19, 19), (20, 19), (40, 38), (60, 57), (100, 95), (200, 190)]
)
def test_p95_is_the_nearest_rank(n: int, rank: int) -> None:
    values = [float(v) for v in range(n, 0, -1)]  # given unsorted
    assert percentile(values, 95) == rank


def test_the_median_and_ends_of_a_sample() -> None:
    got = summary([4.0, 1.0, 3.0, 2.0])
    assert got == {"median": 2.5, "p95": 4.0, "min": 1.0, "max": 4.0, "n": 4}
    assert percentile([5.0, 1.0, 3.0], 50) == 3.0
