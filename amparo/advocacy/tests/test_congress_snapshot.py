"""The shipped snapshot of the members of Congress: a new installation finds its members."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pycountry
import pytest
from django.core.management import call_command

from amparo.advocacy.congress import congress_import, congress_load_snapshot
from amparo.advocacy.models import CongressionalOffice
from amparo.advocacy.selectors import members_for

pytestmark = pytest.mark.django_db
# The fifty states (ISO 3166-2:US, through pycountry): DC and the territories send delegates.
STATES = sorted(
    s.code[3:] for s in pycountry.subdivisions.get(country_code="US") if s.type == "State"
)


def test_the_snapshot_seats_two_senators_a_state_and_most_of_the_house() -> None:
    legislators, offices = congress_load_snapshot()
    assert len(legislators.added) >= 530 and not offices.unknown_members
    senate = CongressionalOffice.objects.filter(chamber="senate")
    for state in STATES:
        assert senate.filter(state=state).count() == 2, state
    # 435 seats and six delegates; a few may be vacant on the snapshot's day.
    assert 425 <= CongressionalOffice.objects.filter(chamber="house").count() <= 441
    louisiana = members_for(state="LA", district="6")
    assert {m.chamber for m in louisiana.members} == {"senate", "house"}
    assert all(m.district_offices for m in louisiana.members)


def test_a_second_load_changes_nothing_and_a_newer_file_updates_over_it() -> None:
    congress_load_snapshot()
    before = dict(CongressionalOffice.objects.values_list("bioguide_id", "updated_at"))
    legislators, offices = congress_load_snapshot()
    assert not legislators.added and not legislators.changed and not offices.changed
    assert dict(CongressionalOffice.objects.values_list("bioguide_id", "updated_at")) == before
    out = StringIO()
    call_command("congress", "import", stdout=out)
    assert "snapshot of 2026-06-15 (legislators): 0 added, 0 changed" in out.getvalue()


def test_a_malformed_link_is_left_out_and_the_member_kept(tmp_path: Path) -> None:
    sample = tmp_path / "legislators-current.yaml"
    sample.write_text(
        "- id: {bioguide: F000484}\n"
        "  name: {official_full: Randy Fine}\n"
        "  terms:\n"
        "  - {type: rep, state: FL, district: 6, party: Republican,\n"
        "     contact_form: 'hhttps://fine.house.gov/contact', url: 'https://fine.house.gov'}\n"
    )
    report = congress_import(path=sample)
    member = CongressionalOffice.objects.get(bioguide_id="F000484")
    assert (member.contact_form, member.website) == ("", "https://fine.house.gov")
    assert report.dropped == ["F000484: contact_form 'hhttps://fine.house.gov/contact'"]
