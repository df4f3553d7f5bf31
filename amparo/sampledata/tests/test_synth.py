"""`amparo synth`: realistic generated cases written in bulk, searchable at once, audit intact."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from amparo.accounts.models import Membership, Organisation
from amparo.audit.integrity import chain_verify
from amparo.cases.models import Case, Note
from amparo.cases.selectors import case_list, case_timeline
from amparo.custody.models import Placement
from amparo.relief.models import Decision, Request
from amparo.sampledata.synth import synth

pytestmark = pytest.mark.django_db


def test_synth_spreads_cases_over_organisations_with_about_ten_events_each() -> None:
    result = synth(cases=60, seed=7, stream=io.StringIO())
    assert result.cases == 60 and len(result.organisations) == 3
    cases = Case.objects.filter(organisation__slug__in=result.organisations)
    assert cases.count() == 60
    assert cases.values("organisation").distinct().count() == 3
    events = result.rows - 2 * 60  # every row but the person and the case is dated
    assert 6 <= events / 60 <= 14
    assert Placement.objects.filter(case__in=cases).values("facility").distinct().count() >= 10
    assert Placement.objects.filter(case__in=cases, ended_at__isnull=True).count() <= 60
    types = set(Request.objects.filter(case__in=cases).values_list("request_type__slug", flat=True))
    assert len(types) >= 6
    assert Decision.objects.filter(request__case__in=cases).exists()


def test_synth_into_one_organisation_is_searchable_and_leaves_the_audit_chain_intact(
    cast: object,
) -> None:
    organisation = Organisation.objects.get(slug="riverside")
    synth(cases=25, seed=3, org_slug="riverside", stream=io.StringIO())
    attorney = Membership.objects.get(organisation=organisation, role="attorney").user
    cases = list(case_list(attorney))
    assert len(cases) == 26  # the cast's case and 25 generated ones
    generated = next(c for c in cases if c.tags == ["generated"])
    family = generated.person.family_name.split()[0]
    assert generated in case_list(attorney, query=family)
    note = Note.objects.filter(case__organisation=organisation, privileged=False).first()
    assert note is not None
    word = max(note.body.split(), key=len).strip(".,;")
    assert note.case in case_list(attorney, query=word)
    assert case_timeline(attorney, generated)
    assert chain_verify(organisation).intact


def test_synth_command_names_a_bad_organisation() -> None:
    with pytest.raises(CommandError, match="--org"):
        call_command("synth", "--cases", "5", "--org", "nowhere", stdout=io.StringIO())
