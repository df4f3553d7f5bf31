"""`amparo synth`: a realistic data set at scale, straight into the database.

Cases are spread over several generated organisations (or all go to one existing organisation),
written in batches of a few thousand rows per statement, one transaction per batch, with a
progress line on the terminal.
"""

from __future__ import annotations

import functools
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.services import organisation_create, user_create
from amparo.cases.models import Case
from amparo.core.services import validated_save
from amparo.custody.reference import reference_load
from amparo.people.models import Person
from amparo.relief.reporting import reported_requests_refresh
from amparo.sampledata import names
from amparo.sampledata.generator import Generator
from amparo.sampledata.progress import Progress
from amparo.sampledata.sites import Team
from amparo.search import bulk

SYNTH_PASSWORD = "amparo-demo-2026"
SYNTH_DOMAIN = "amparo.example"
BATCH_CASES = 1000
# A load of at least this many cases, and at least as many as there are, builds the search
# indexes once per batch (amparo.search.bulk) instead of row by row.
BULK_INDEX_MIN_CASES = 5000
WRITER_ROLES = {Membership.Role.ADMIN, Membership.Role.ATTORNEY, Membership.Role.PARALEGAL}


@dataclass(frozen=True)
class SynthResult:
    cases: int
    rows: int
    seconds: float
    organisations: list[str]
    cpu_seconds: float = 0.0  # this process only (a database server's work is not counted)


def team_of(organisation: Organisation) -> Team:
    """The members who lead and work generated cases of an organisation."""
    roles = list(organisation.memberships.values_list("user_id", "role"))
    attorneys = tuple(u for u, r in roles if r == Membership.Role.ATTORNEY)
    staff = tuple(u for u, r in roles if r in WRITER_ROLES)
    return Team(organisation.id, organisation.time_zone, attorneys, staff)


def _organisation(name: str) -> Organisation:
    """A generated organisation with one member per role; reused by a later run."""
    existing = Organisation.objects.filter(slug=slugify(name)).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        organisation = organisation_create(name=name)
        for role in Membership.Role.values:
            email = f"{role}@{organisation.slug}.{SYNTH_DOMAIN}"
            full_name = f"{Membership.Role(role).label} ({organisation.name})"
            _user_with_the_published_password(email, full_name)
            user_create(
                email=email,
                organisation=organisation,
                role=role,
                password=SYNTH_PASSWORD,
                full_name=full_name,
                check_password=False,
            )
    return organisation


@functools.cache
def _published_password_hash() -> str:
    """The hash of the one published password, made once: hashing it (Argon2) for each of the
    thirty generated members was a tenth of the CPU of a load of 10,000 cases."""
    return make_password(SYNTH_PASSWORD)


def _user_with_the_published_password(email: str, full_name: str) -> None:
    """A generated member's user, unless one exists, with the published password's hash;
    `user_create` then adds the membership (and its audit event) to it as to any user."""
    if User.objects.filter(email=email).exists():
        return
    user = User(email=email, full_name=full_name)
    user.password = _published_password_hash()
    validated_save(user)


def organisations_for(cases: int, org_slug: str | None) -> list[Organisation]:
    if org_slug:
        found = Organisation.objects.filter(slug=org_slug).first()
        if found is None:
            raise LookupError(f"No organisation with the slug {org_slug!r}.")
        return [found]
    count = 3 if cases < 1000 else len(names.ORGANISATIONS)
    return [_organisation(name) for name in names.ORGANISATIONS[:count]]


# SQLite keeps 2 MB of pages in memory by default; a load of 100,000 cases makes an 800 MB
# file whose indexes each batch adds to. A quarter of a gigabyte, for the load only.
LOAD_CACHE_KIB = 256 * 1024


@contextmanager
def _load_settings() -> Iterator[None]:
    """On SQLite, for the load only: a large page cache, and no fsync (`synchronous=OFF`); the
    connection's own values after, also after an error.

    With WAL, `synchronous=OFF` keeps every batch's transaction whole or absent when the process
    is killed (the log is written before the commit returns); only a crash of the machine itself
    may lose the last batches. Generated data can be generated again, so the load trades that for
    not waiting on the disk at every checkpoint."""
    if connection.vendor != "sqlite":
        yield
        return
    # Inside a caller's transaction (the demo's, a test's) SQLite keeps its safety level.
    own = not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA synchronous")
        synchronous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
        if own:
            cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {cache}")
            if own:
                cursor.execute(f"PRAGMA synchronous = {synchronous}")


def _batch_without_waiting_for_the_disk() -> None:
    """On PostgreSQL, this batch's commit does not wait for its log to reach the disk
    (`synchronous_commit = off`, for this transaction only): a crash of the server may lose the
    last batches committed, never part of one, and never anything but this load's."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")


def generate(
    *,
    cases: int,
    organisations: list[Organisation],
    seed: int = 2026,
    stream: TextIO | None = None,
) -> SynthResult:
    """Write `cases` generated cases over the organisations (larger ones first)."""
    teams = [team_of(o) for o in organisations]
    used = {
        number
        for number in Person.objects.filter(organisation__in=organisations).values_list(
            "a_number", flat=True
        )
        if number
    }
    # One A-number space per run is simpler and still unique per organisation.
    generator = Generator(seed=seed, now=timezone.now(), used_a_numbers=used)
    weights = [len(teams) - i + 1 for i in range(len(teams))]
    picker = random.Random(seed + 1)
    progress = Progress(cases, stream=stream if stream is not None else sys.stderr)
    cpu_started = time.process_time()
    done = 0
    bulk.restore()  # a run killed outright may have left them off
    large = cases >= max(BULK_INDEX_MIN_CASES, Case.objects.count())
    with (
        _load_settings(),
        bulk.bulk_load() if large else nullcontext(lambda: None) as catch_up,
    ):
        while done < cases:
            batch = min(BATCH_CASES, cases - done)
            written = [
                generator.add_case(picker.choices(teams, weights=weights)[0]) for _ in range(batch)
            ]
            with transaction.atomic():
                _batch_without_waiting_for_the_disk()
                generator.writers.flush()
                catch_up()
                reported_requests_refresh(cases=written)
            done += batch
            progress.update(done, generator.writers.written)
    seconds = progress.finish(done, generator.writers.written)
    return SynthResult(
        cases,
        generator.writers.written,
        seconds,
        [o.slug for o in organisations],
        time.process_time() - cpu_started,
    )


def synth(
    *, cases: int, seed: int = 2026, org_slug: str | None = None, stream: TextIO | None = None
) -> SynthResult:
    reference_load()
    return generate(
        cases=cases, organisations=organisations_for(cases, org_slug), seed=seed, stream=stream
    )
