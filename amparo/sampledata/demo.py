"""Demo data: two organisations, a user for each role, the story's case replayed step by step
(`story.py`), and generated cases spread over real facilities (`generated.py`). Everything is
written through the services, so the demo also exercises the same rules and audit trail as real
use. Fictional people only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation
from amparo.accounts.services import organisation_create, user_create
from amparo.advocacy.congress import congress_load_snapshot
from amparo.cases.models import Case
from amparo.custody.reference import reference_load
from amparo.people.identifiers import normalise_a_number
from amparo.sampledata.generated import load_generated
from amparo.sampledata.story import STORY_A_NUMBER, STORY_TITLE, load_story

DEMO_ORG_SLUG = "demo"
OUTSIDER_ORG_SLUG = "demo-outsider"
DEMO_PASSWORD = "amparo-demo-2026"
DEMO_DOMAIN = "amparo.example"
ROLES = [role.value for role in Membership.Role]


@dataclass
class DemoResult:
    created: bool
    story_case: Case
    credentials: list[tuple[str, str, str]] = field(default_factory=list)


def _credentials() -> list[tuple[str, str, str]]:
    rows = [(f"{role}@{DEMO_DOMAIN}", DEMO_PASSWORD, f"{role} ({DEMO_ORG_SLUG})") for role in ROLES]
    rows.append((f"outsider@{DEMO_DOMAIN}", DEMO_PASSWORD, f"attorney ({OUTSIDER_ORG_SLUG})"))
    return rows


def demo_load(*, generated_cases: int = 200, seed: int = 2026) -> DemoResult:
    """Load the demo once; a second run changes nothing and reports the same logins."""
    existing = Organisation.objects.filter(slug=DEMO_ORG_SLUG).first()
    if existing is not None:
        reference_load()
        story = Case.objects.filter(
            organisation=existing,
            title=STORY_TITLE,
            person__a_number=normalise_a_number(STORY_A_NUMBER),
        ).first()
        assert story is not None, "demo organisation exists without its story case"
        return DemoResult(created=False, story_case=story, credentials=_credentials())
    with transaction.atomic():
        reference_load()
        congress_load_snapshot()
        organisation = organisation_create(
            name="Riverside Immigrant Defense Project (demo)", slug=DEMO_ORG_SLUG
        )
        users = {
            role: user_create(
                email=f"{role}@{DEMO_DOMAIN}",
                organisation=organisation,
                role=role,
                password=DEMO_PASSWORD,
                full_name=f"Demo {Membership.Role(role).label}",
            )
            for role in ROLES
        }
        outsider_org = organisation_create(
            name="Lakeshore Legal Aid (demo)", slug=OUTSIDER_ORG_SLUG
        )
        user_create(
            email=f"outsider@{DEMO_DOMAIN}",
            organisation=outsider_org,
            role=Membership.Role.ATTORNEY,
            password=DEMO_PASSWORD,
            full_name="Demo Outsider",
        )
        story = load_story(organisation, users, today=timezone.localdate())
        load_generated(organisation, users, count=generated_cases, seed=seed)
        load_generated(outsider_org, {}, count=5, seed=seed + 1)
    return DemoResult(created=True, story_case=story, credentials=_credentials())
