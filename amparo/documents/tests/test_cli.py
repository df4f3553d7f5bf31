"""`amparo documents …` on the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document as open_docx

from amparo.cases.models import Case
from amparo.conftest import Cast
from amparo.documents.field_reference import reference_markdown
from amparo.documents.models import Document
from amparo.documents.tests.test_builtin import SLUGS

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("documents", *args, stdout=out)
    return out.getvalue()


def test_templates_one_a_line_slug_first() -> None:
    lines = run("templates").splitlines()
    assert [line.split()[0] for line in lines] == SLUGS
    assert "docx,pdf" in lines[0] and "built-in" in lines[0]


@pytest.mark.parametrize("reference", ["A 099-123-456", "A099123456", "99123456", "099-123-456"])
def test_generate_by_a_number_in_any_form(story: Case, tmp_path: Path, reference: str) -> None:
    out = tmp_path / "petition.docx"
    printed = run("generate", reference, "habeas-petition", "--out", str(out))
    text = "\n".join(p.text for p in open_docx(str(out)).paragraphs)
    assert "WESTERN DISTRICT OF LOUISIANA" in text
    document = Document.objects.get(case=story)
    assert str(document.id) in printed and document.checksum in printed
    assert "Herrera" not in printed  # output names cases by id only


def test_generate_by_case_id_as_a_member_and_as_pdf(story: Case, tmp_path: Path) -> None:
    out = tmp_path / "chronology.pdf"
    run(
        "generate",
        str(story.id),
        "chronology",
        "--out",
        str(out),
        "--as",
        "paralegal@amparo.example",
    )
    assert out.read_bytes().startswith(b"%PDF-")
    document = Document.objects.get(case=story)
    assert (
        document.created_by is not None and document.created_by.email == "paralegal@amparo.example"
    )


def test_missing_data_exits_2_listing_what_is_missing(cast: Cast, tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    with pytest.raises(CommandError) as caught:
        run("generate", str(cast.case.id), "parole-request", "--out", str(out))
    assert caught.value.returncode == 2
    message = str(caught.value)
    assert "custody.facility" in message
    assert f"/cases/{cast.case.id}/#custody-panel" in message
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("generate", "A 000-000-001", "chronology"), "No case for that A-number"),
        (("generate", "not-a-case", "chronology"), "neither"),
        (("generate", "{case}", "love-letter"), "Unknown template"),
        (("check", "{case}", "chronology", "--as", "nobody@example.org"), "No active member"),
    ],
)
def test_bad_input_exits_2(
    cast: Cast, tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    filled = [a.replace("{case}", str(cast.case.id)) for a in args]
    if filled[0] == "generate":
        filled += ["--out", str(tmp_path / "x.docx")]
    with pytest.raises(CommandError, match=expected) as caught:
        run(*filled)
    assert caught.value.returncode == 2


def test_as_a_member_of_another_organisation_the_case_is_not_found(
    cast: Cast, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="No case with that id") as caught:
        run(
            "generate",
            str(cast.case.id),
            "chronology",
            "--out",
            str(tmp_path / "x.docx"),
            "--as",
            cast.outsider.email,
        )
    assert caught.value.returncode == 2


def test_check_reports_ready(story: Case) -> None:
    assert "ready: chronology" in run("check", str(story.id), "chronology")


def test_fields_prints_the_reference() -> None:
    assert run("fields") == reference_markdown()


def test_build_templates_check_passes_for_the_committed_files() -> None:
    assert "up to date" in run("build-templates", "--check")
