"""Case search: by name for everyone, by A-number only where the user sees full A-numbers."""

from __future__ import annotations

import pytest

from amparo.accounts.models import Membership
from amparo.cases.selectors import case_list
from amparo.conftest import Cast

pytestmark = pytest.mark.django_db


def test_attorney_finds_a_case_by_a_number_in_any_form(cast: Cast) -> None:
    for typed in ("A 012-345-678", "12345678", "012345678"):
        assert list(case_list(cast.attorney, query=typed)) == [cast.case], typed


def test_advocate_cannot_confirm_an_a_number_by_searching(cast: Cast) -> None:
    assert list(case_list(cast.advocate, query="A012345678")) == []
    assert cast.case in case_list(cast.advocate, query=cast.case.person.family_name)


def test_privileged_role_elsewhere_does_not_open_a_number_search_here(cast: Cast) -> None:
    """An advocate of one organisation who is an attorney in another still sees this
    organisation's A-numbers masked, so searching by one must not confirm it."""
    Membership.objects.create(
        user=cast.advocate, organisation=cast.other_organisation, role=Membership.Role.ATTORNEY
    )
    assert list(case_list(cast.advocate, query="012345678")) == []
