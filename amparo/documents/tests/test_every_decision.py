"""Court papers tell every decision on the case: after the parole denial, the denial of the
renewed request is in the habeas petition and the TRO motion too."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from amparo.cases.models import Case
from amparo.documents.services import document_generate
from amparo.documents.tests.conftest import demo_user
from amparo.documents.tests.test_generate import text_of
from amparo.relief.models import Request
from amparo.relief.services import decision_record, request_submit

pytestmark = pytest.mark.django_db


def _deny_renewed(case: Case) -> None:
    renewed = Request.objects.filter(case=case, request_type__slug="renewed-request").first()
    assert renewed is not None, "the story drafts a renewed request"
    sent = timezone.now() - datetime.timedelta(hours=3)
    if renewed.status == "draft":
        request_submit(
            actor=None, request=renewed, submitted_at=sent, channel="email", expected_version=None
        )
    renewed.refresh_from_db()
    decision_record(
        actor=None,
        request=renewed,
        decided_at=sent + datetime.timedelta(hours=2),
        outcome="denied",
        reasons_given=False,
        expected_version=None,
    )


@pytest.mark.parametrize("slug", ["habeas-petition", "tro-motion"])
def test_court_papers_include_the_latest_denial(story: Case, slug: str) -> None:
    _deny_renewed(story)
    text = text_of(document_generate(actor=demo_user("attorney"), case=story, template=slug))
    assert "asked ICE for humanitarian parole" in text
    assert "again (renewed request / reconsideration). The request was denied on" in text
    assert "2 hours after it was sent, without any reasons" in text
