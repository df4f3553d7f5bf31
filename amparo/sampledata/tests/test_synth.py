"""`amparo synth`: realistic generated cases written in bulk, searchable at once, audit intact."""

from __future__ import annotations

import datetime
import io
from typing import Any

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


def test_a_large_load_indexes_each_batch_for_search_and_puts_the_row_triggers_back(
    cast: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from amparo.cases.services import note_add
    from amparo.sampledata import synth as synth_module

    monkeypatch.setattr(synth_module, "BULK_INDEX_MIN_CASES", 10)
    monkeypatch.setattr(synth_module, "BATCH_CASES", 10)
    organisation = Organisation.objects.get(slug="riverside")
    synth(cases=25, seed=4, org_slug="riverside", stream=io.StringIO())
    attorney = Membership.objects.get(organisation=organisation, role="attorney").user
    generated = [c for c in case_list(attorney) if c.tags == ["generated"]]
    assert len(generated) == 25
    for case in generated[::6]:
        family = case.person.family_name.split()[0]
        assert case in case_list(attorney, query=f"{case.person.given_name} {family}")
    note = Note.objects.filter(case__in=generated, privileged=False).last()
    assert note is not None
    word = max(note.body.split(), key=len).strip(".,;")
    assert note.case in case_list(attorney, query=word)
    # Written one at a time again, a note is searchable at once: the row triggers are back.
    note_add(actor=attorney, case=generated[0], body="Spoke with the consulate in Quetzaltenango")
    assert generated[0] in case_list(attorney, query="Quetzaltenango")


def test_synth_command_names_a_bad_organisation() -> None:
    with pytest.raises(CommandError, match="--org"):
        call_command("synth", "--cases", "5", "--org", "nowhere", stdout=io.StringIO())


def _plain(value: object) -> object:
    """A driver's wrapper (psycopg's Jsonb) compares by identity: compare what it wraps."""
    return getattr(value, "obj", value)


def test_bulk_writers_store_every_value_as_django_would() -> None:
    """The writers' fast conversions give the database exactly what `get_db_prep_save` gives."""
    from django.db import connection
    from django.utils import timezone

    from amparo.custody.reference import reference_load
    from amparo.sampledata.generator import Generator
    from amparo.sampledata.synth import organisations_for, team_of

    reference_load()
    team = team_of(organisations_for(10, None)[0])
    generator = Generator(seed=3, now=timezone.now(), used_a_numbers=set())
    given: dict[object, list[tuple[object, ...]]] = {}
    for table in generator.writers.tables:
        add = table.add

        def spy(*values: object, table: object = table, add: object = add) -> None:
            given.setdefault(table, []).append(values)
            add(*values)  # type: ignore[operator]

        table.add = spy  # type: ignore[method-assign]
    for _ in range(40):
        generator.add_case(team)
    checked = 0
    for table in generator.writers.tables:
        fields: list[Any] = [table.model._meta.get_field(name) for name in table.columns]
        for values, row in zip(given.get(table, []), table.pending, strict=True):
            pairs = zip(fields, values, strict=True)
            expected = [_plain(f.get_db_prep_save(v, connection)) for f, v in pairs]
            assert [_plain(v) for v in row[: len(fields)]] == expected, table.model.__name__
            checked += 1
    assert checked > 40 * 8


def _generated_rows(write: str, now: datetime.datetime) -> dict[str, list[tuple[object, ...]]]:
    """The rows 30 generated cases (one seed, one clock) read back after being written by
    `Writers.flush` (``COPY`` on PostgreSQL) or by each table's own ``INSERT``; rolled back."""
    from django.db import transaction

    from amparo.sampledata.generator import Generator
    from amparo.sampledata.synth import organisations_for, team_of

    team = team_of(organisations_for(10, None)[0])
    read: dict[str, list[tuple[object, ...]]] = {}
    with transaction.atomic():
        generator = Generator(seed=5, now=now, used_a_numbers=set())
        generator._id_epoch_ms = 1_790_000_000_000
        for _ in range(30):
            generator.add_case(team)
        tables = list(generator.writers.tables)
        ids = {t.model: t.pending_ids() for t in tables}
        if write == "writers":
            generator.writers.flush()
        else:
            for table in tables:
                table.flush()
        for table in tables:
            rows = table.model._base_manager.filter(pk__in=ids[table.model]).order_by("pk")
            read[table.model.__name__] = list(rows.values_list(*table.columns))
        transaction.set_rollback(True)
    return read


def test_the_bulk_load_stores_what_a_plain_insert_stores() -> None:
    """`Writers.flush` (``COPY`` on PostgreSQL) and an ``INSERT`` per row store the same values."""
    from amparo.custody.reference import reference_load

    reference_load()
    now = datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC)
    copied, inserted = _generated_rows("writers", now), _generated_rows("insert", now)
    assert sum(len(rows) for rows in copied.values()) > 30 * 8
    assert copied == inserted


def test_synth_sends_congressional_inquiries_only_under_a_waiver_signed_before(
    cast: object,
) -> None:
    from amparo.advocacy.models import Inquiry
    from amparo.reports.filters import ReportFilters
    from amparo.reports.selectors import congressional_response

    organisation = Organisation.objects.get(slug="riverside")
    synth(cases=300, seed=11, org_slug="riverside", stream=io.StringIO())
    sent = Inquiry.objects.filter(
        case__organisation=organisation, case__tags=["generated"], sent_at__isnull=False
    ).select_related("waiver")
    assert sent.count() >= 5
    for inquiry in sent:
        assert inquiry.sent_at is not None
        assert inquiry.waiver is not None and inquiry.waiver.case_id == inquiry.case_id
        assert inquiry.waiver.created_at < inquiry.sent_at
        assert inquiry.waiver.recipient == inquiry.recipient
        if inquiry.response_at is not None:
            assert inquiry.response_at >= inquiry.sent_at and inquiry.outcome != "pending"
    answered = sent.filter(response_at__isnull=False).count()
    assert 0 < answered < sent.count()
    attorney = Membership.objects.get(organisation=organisation, role="attorney").user
    rows = congressional_response(attorney, ReportFilters())
    assert sum(r["sent"] for r in rows) >= sent.count()
    assert sum(r["answered"] for r in rows) >= answered
