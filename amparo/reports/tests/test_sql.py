"""The SQLite percentile reads (`reports.sql._window`): from whichever end of the group is
nearer, always the values at the two positions percentile_cont interpolates between."""

from __future__ import annotations

import pytest

from amparo.reports.sql import PERCENTILES, _window


def _positions(k: int, n: int) -> set[int]:
    """The ascending positions that LIMIT/OFFSET in that direction reads."""
    limit, offset, direction = _window(k, n)
    read = range(offset, min(offset + limit, n))
    return set(read) if direction == "ASC" else {n - 1 - d for d in read}


@pytest.mark.parametrize("n", range(1, 41))
def test_each_percentile_reads_its_two_neighbouring_values_and_no_other(n: int) -> None:
    for _name, p in PERCENTILES:
        k = int((n - 1) * p)
        assert _positions(k, n) == {k, k + 1} & set(range(n))


def test_the_p90_of_a_large_group_is_read_from_the_top() -> None:
    """Of 1,000 values: the median skips 499 from the bottom, the p90 99 from the top (not 899
    from the bottom)."""
    assert _window(499, 1000) == (2, 499, "ASC")
    assert _window(899, 1000) == (2, 99, "DESC")


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit() -> None:
    """JIT compiling took most of the slow reports' time on PostgreSQL (docs/benchmarks.md)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
