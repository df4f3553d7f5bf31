"""The document context reads family contacts and evidence by the gate's rules, not by luck of
the role table: a role that may not see privileged material or the client's full identity gets
neither, whoever is later allowed to generate documents."""

from __future__ import annotations

import pytest

from amparo.cases.models import Case
from amparo.documents.context import case_context
from amparo.documents.models import Document
from amparo.documents.tests.conftest import demo_user

pytestmark = pytest.mark.django_db


def test_advocacy_staff_get_no_family_contacts_or_privileged_evidence(story_ready: Case) -> None:
    Document.objects.filter(case=story_ready, kind=Document.Kind.EVIDENCE).update(privileged=True)
    attorney = case_context(story_ready, actor=demo_user("attorney"))
    advocate = case_context(story_ready, actor=demo_user("advocate"))
    assert [r["name"] for r in attorney["family"]] == ["Ana Herrera"]
    assert [e["title"] for e in attorney["evidence"]] == ["Obstetrician's letter"]
    assert advocate["family"] == [] and advocate["evidence"] == []


def test_the_command_line_without_a_member_reads_as_the_installation(story_ready: Case) -> None:
    context = case_context(story_ready, actor=None)
    assert context["family"] and context["evidence"]
