"""The standing cast every test can use: members of one organisation in each role, and an
outsider from another organisation (HOUSE_STYLE.md, after Healthchecks)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test import Client
from django.test.testcases import LiveServerThread
from django.utils import translation

from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.services import token_create
from amparo.cases.models import Case
from amparo.factories import CaseFactory, MembershipFactory, OrganisationFactory, PersonFactory

Role = Membership.Role


@dataclass
class Cast:
    organisation: Organisation
    other_organisation: Organisation
    admin: User
    attorney: User
    paralegal: User
    intake: User
    advocate: User
    read_only: User
    outsider: User
    case: Case
    outsider_case: Case

    def by_role(self) -> dict[str, User]:
        return {
            "admin": self.admin,
            "attorney": self.attorney,
            "paralegal": self.paralegal,
            "intake": self.intake,
            "advocate": self.advocate,
            "read-only": self.read_only,
            "outsider": self.outsider,
        }


@pytest.fixture(autouse=True)
def _source_language() -> Iterator[None]:
    """Each test starts in English, the source language: a page request in Spanish or Arabic
    leaves its language active on the thread (LocaleMiddleware), and commands would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Load the shipped reference data (facilities, field offices, courts) once per run;
    each test's transaction rolls back over it."""
    from amparo.custody.reference import reference_load

    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture
def cast(db: None) -> Cast:
    organisation = OrganisationFactory(slug="riverside", name="Riverside Defenders")
    other = OrganisationFactory(slug="lakeshore", name="Lakeshore Legal Aid")
    members = {
        role: MembershipFactory(
            organisation=organisation, role=role, user__email=f"{role}@riverside.test"
        ).user
        for role in Role.values
    }
    outsider = MembershipFactory(
        organisation=other, role=Role.ATTORNEY, user__email="outsider@lakeshore.test"
    ).user
    case = CaseFactory(person=PersonFactory(organisation=organisation, a_number="012345678"))
    outsider_case = CaseFactory(person=PersonFactory(organisation=other))
    return Cast(
        organisation=organisation,
        other_organisation=other,
        admin=members["admin"],
        attorney=members["attorney"],
        paralegal=members["paralegal"],
        intake=members["intake"],
        advocate=members["advocate"],
        read_only=members["read-only"],
        outsider=outsider,
        case=case,
        outsider_case=outsider_case,
    )


def signed_in(user: User) -> Client:
    """A test client with `user` signed in (a browser session)."""
    client = Client()
    client.force_login(user)
    return client


def page_queries(user: User, url: str) -> int:
    """The queries of one GET of `url` by `user`, after a first request that fills the session
    and the per-process caches."""
    from django.test.utils import CaptureQueriesContext

    client = signed_in(user)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def api_client_for(user: User) -> Client:
    """A test client that sends a fresh bearer token for `user`."""
    _, raw = token_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def api_for(db: None):  # type: ignore[no-untyped-def]
    return api_client_for


# On SQLite the browser tests' live server runs one request at a time: the test database is in
# memory with a shared cache, where two threads writing at once meet "database table is locked"
# (a file database in WAL mode, as Amparo runs, waits instead). The case page loads its panels in
# parallel, so the plain threaded server would fail there for the test's sake only.
# Set here, at the root, so that a browser test run on its own is served the same way.


class SerialisedServer(ThreadedWSGIServer):
    """Threads for connections (keep-alive stays harmless), one lock around the application."""

    def set_app(self, application: Any) -> None:
        lock = threading.Lock()

        def serialised(environ: Any, start_response: Any) -> Any:
            with lock:
                return list(application(environ, start_response))

        super().set_app(serialised)


if connection.vendor == "sqlite":
    LiveServerThread.server_class = SerialisedServer  # type: ignore[attr-defined]
