"""`first_rows`: how much of a list a page shows, and whether it offers "Show more" (the home
page's sections and the deadlines dashboard's lists both cut here)."""

from __future__ import annotations

from amparo.core.paging import first_rows


def test_a_list_cut_short_offers_more() -> None:
    assert first_rows([1, 2, 3], 2) == ([1, 2], True)


def test_a_list_that_fits_offers_nothing() -> None:
    assert first_rows([1, 2], 2) == ([1, 2], False)
    assert first_rows([], 10) == ([], False)


def test_every_row_when_expanded() -> None:
    assert first_rows([1, 2, 3], None) == ([1, 2, 3], False)


def test_a_read_that_stopped_short_still_offers_more() -> None:
    # The dashboard's read left rows out (`more`) though the rows it gave fit the page.
    assert first_rows([1, 2], 2, more=True) == ([1, 2], True)
