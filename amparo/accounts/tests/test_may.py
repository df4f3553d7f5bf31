"""The header's and the pages' links lead only where the member may go (`may`, from
accounts.context_processors, asks the functions that decide), and a writers' page tells other
roles it is not for them (403) instead of claiming the organisation does not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from amparo.conftest import Cast, signed_in

pytestmark = pytest.mark.django_db

INTAKE = reverse("cases:intake")
IMPORTS = reverse("exchange:imports")
EXPORTS = reverse("exchange:exports")


@pytest.mark.parametrize("role", ["admin", "attorney", "paralegal", "intake"])
def test_writers_are_offered_new_client_and_may_open_it(cast: Cast, role: str) -> None:
    client = signed_in(cast.by_role()[role])
    home = client.get(reverse("home")).content.decode()
    assert home.count(f'href="{INTAKE}"') == 2  # the header and the home page's button
    assert client.get(INTAKE).status_code == 200


@pytest.mark.parametrize("role", ["advocate", "read-only"])
def test_other_roles_are_not_offered_new_client_and_get_403(cast: Cast, role: str) -> None:
    client = signed_in(cast.by_role()[role])
    assert f'href="{INTAKE}"' not in client.get(reverse("home")).content.decode()
    response = client.get(INTAKE)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Not for your role" in page
    assert "No such organisation" not in page


def test_admin_finds_import_and_export_on_the_home_page_and_settings(cast: Cast) -> None:
    client = signed_in(cast.admin)
    for url in (reverse("home"), reverse("organisation:settings")):
        page = client.get(url).content.decode()
        assert f'href="{IMPORTS}"' in page, url
        assert f'href="{EXPORTS}"' in page, url
    assert client.get(IMPORTS).status_code == 200
    assert client.get(EXPORTS).status_code == 200


def test_attorney_finds_import_but_not_the_organisation_export(cast: Cast) -> None:
    client = signed_in(cast.attorney)
    page = client.get(reverse("home")).content.decode()
    assert f'href="{IMPORTS}"' in page
    assert f'href="{EXPORTS}"' not in page
    assert client.get(IMPORTS).status_code == 200
    assert client.get(EXPORTS).status_code == 404


@pytest.mark.parametrize("role", ["paralegal", "intake", "advocate", "read-only"])
def test_other_roles_are_offered_neither_import_nor_export(cast: Cast, role: str) -> None:
    client = signed_in(cast.by_role()[role])
    page = client.get(reverse("home")).content.decode()
    assert f'href="{IMPORTS}"' not in page
    assert f'href="{EXPORTS}"' not in page
    assert client.get(IMPORTS).status_code == 404


def test_the_links_cost_no_query(cast: Cast, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """`may` reads the roles the middleware cached on the user: asking it costs nothing."""
    from amparo.accounts.context_processors import May
    from amparo.core.access import remember_roles, roles_of

    remember_roles(cast.attorney, roles_of(cast.attorney))
    may = May(cast.attorney)
    with django_assert_num_queries(0):
        assert (may.take_in, may.import_cases, may.export_organisation) == (True, True, False)
