"""`case_for` reads the case with its client, organisation and lead attorney in one statement,
as the objects `select_related` builds, through the same visibility rule as
`cases_visible_to`; its condition is compiled once per user and roles, and a change of roles or
team takes effect at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, models
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from amparo.accounts.models import Membership, User
from amparo.cases.models import Case
from amparo.conftest import Cast
from amparo.core import access

pytestmark = pytest.mark.django_db


def _values(obj: models.Model | None) -> dict[str, Any] | None:
    if obj is None:
        return None
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no roles cached on the object


def test_the_case_and_its_related_rows_are_the_orm_s(cast: Cast) -> None:
    cast.case.lead_attorney = cast.attorney
    cast.case.save(update_fields=["lead_attorney"])
    expected = Case.objects.select_related("person", "organisation", "lead_attorney").get(
        pk=cast.case.pk
    )
    user = _fresh(cast.attorney)
    access.case_for(user, cast.case.id)  # the condition compiled and kept
    with CaptureQueriesContext(connection) as captured:
        found = access.case_for(user, str(cast.case.id))
    assert len(captured) == 1
    assert _values(found) == _values(expected)
    assert found._state.adding is False and found._state.db == "default"
    for name in access.CASE_WITH:
        assert Case._meta.get_field(name).is_cached(found)  # type: ignore[union-attr]
        assert _values(getattr(found, name)) == _values(getattr(expected, name))


def test_a_case_without_a_lead_attorney_carries_none(cast: Cast) -> None:
    assert cast.case.lead_attorney_id is None
    found = access.case_for(_fresh(cast.attorney), cast.case.id)
    with CaptureQueriesContext(connection) as captured:
        assert found.lead_attorney is None
    assert len(captured) == 0


def test_each_role_reads_writes_and_keeps_advocacy_as_the_querysets_say(cast: Cast) -> None:
    cast.case.restricted = True
    cast.case.save(update_fields=["restricted"])
    cast.case.team.set([cast.paralegal, cast.advocate])
    scopes = {
        "read": (access.cases_visible_to, {}),
        "write": (access.cases_writable_by, {"write": True}),
        "advocacy": (access.cases_advocacy_writable_by, {"advocacy": True}),
    }
    for case in (cast.case, cast.outsider_case):
        for user in cast.by_role().values():
            for queryset, flags in scopes.values():
                expected = queryset(_fresh(user)).filter(pk=case.pk).exists()
                try:
                    found = access.case_for(_fresh(user), case.id, **flags) == case
                except Http404:
                    found = False
                assert found == expected, (user.email, case.title, flags)


def test_a_change_of_role_or_team_is_seen_by_the_next_request(cast: Cast) -> None:
    access.case_for(_fresh(cast.read_only), cast.case.id)
    with pytest.raises(Http404):
        access.case_for(_fresh(cast.read_only), cast.case.id, write=True)
    Membership.objects.filter(user=cast.read_only).update(role=Membership.Role.PARALEGAL)
    assert access.case_for(_fresh(cast.read_only), cast.case.id, write=True) == cast.case

    cast.case.restricted = True
    cast.case.save(update_fields=["restricted"])
    with pytest.raises(Http404):
        access.case_for(_fresh(cast.intake), cast.case.id)
    cast.case.team.add(cast.intake)
    assert access.case_for(_fresh(cast.intake), cast.case.id) == cast.case


def test_a_missing_case_and_another_organisation_s_look_the_same(cast: Cast) -> None:
    import uuid

    for case_id in (uuid.uuid4(), cast.outsider_case.id):
        with pytest.raises(Http404) as raised:
            access.case_for(_fresh(cast.attorney), case_id)
        assert str(raised.value) == "No such case."
