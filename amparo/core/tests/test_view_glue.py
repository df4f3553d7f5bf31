"""The HTML glue is written once, in `core/htmx.py`: no view module works out the acting member,
checks the HX-Request header, builds a download response or writes CSV cells itself."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
ADAPTER = "amparo.core.htmx"


def view_modules(root: Path = PACKAGE) -> list[Path]:
    """Every module that answers HTML requests: views, views_*, *_views and the case panels."""
    found = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        name = path.stem
        if name in {"views", "panels"} or name.startswith("views_") or name.endswith("_views"):
            found.append(path)
    return sorted(found)


def _is_request_user(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "user"


def glue_written_again(path: Path) -> list[str]:
    """What `path` does that the adapter does (one line each: "file:line what")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []

    def note(node: ast.AST, what: str) -> None:
        found.append(f"{path.relative_to(path.parents[1])}:{getattr(node, 'lineno', 0)} {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            called = node.func
            name = called.id if isinstance(called, ast.Name) else getattr(called, "attr", "")
            if name == "isinstance" and node.args and _is_request_user(node.args[0]):
                note(node, "works out the acting member (use htmx.member)")
            if name in {"StreamingHttpResponse", "FileResponse"}:
                note(node, "builds a download response (use htmx.download_response)")
            if name == "writer" and isinstance(called, ast.Attribute):
                note(node, "writes CSV itself (use htmx.csv_lines / csv_bytes)")
            # The audit trail records any request's user, signed in or not; services want a member.
            for keyword in [] if name.startswith("audit_") else node.keywords:
                if keyword.arg == "actor" and _is_request_user(keyword.value):
                    note(node, "passes request.user as the actor (use htmx.member)")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.lower() == "hx-request":
                note(node, "checks HX-Request itself (use htmx.is_htmx / panel_status)")
            if node.value.lower() == "content-disposition":
                note(node, "builds a download response (use htmx.download_response)")
        elif isinstance(node, ast.Tuple) and {"=", "+", "-", "@"} <= {
            element.value for element in node.elts if isinstance(element, ast.Constant)
        }:
            note(node, "escapes CSV cells itself (use htmx.csv_cell)")
        elif isinstance(node, ast.Import) and any(alias.name == "csv" for alias in node.names):
            note(node, "imports csv (the adapter writes CSV)")
    return found


PLANTED = """
import csv
from django.http import HttpResponse, StreamingHttpResponse

def export(request, case_id):
    if not isinstance(request.user, User):
        raise Http404
    partial = request.headers.get("HX-Request")
    case_note(actor=request.user, case=case_id)
    cell = "'" + text if text[:1] in ("=", "+", "-", "@") else text
    response = HttpResponse(b"", content_type="text/csv")
    response["Content-Disposition"] = "attachment"
    return StreamingHttpResponse(csv.writer(out))
"""


def test_the_checker_finds_each_kind_of_glue_written_again(tmp_path: Path) -> None:
    planted = tmp_path / "views.py"
    planted.write_text(PLANTED, encoding="utf-8")
    found = " ".join(glue_written_again(planted))
    for what in (
        "acting member",
        "request.user as the actor",
        "HX-Request",
        "download response",
        "escapes CSV",
        "writes CSV",
        "imports csv",
    ):
        assert what in found


def test_the_checker_reads_every_html_view_module() -> None:
    names = {str(path.relative_to(PACKAGE)) for path in view_modules()}
    assert {
        "cases/panels.py",
        "cases/views_intake.py",
        "exchange/views.py",
        "audit/views.py",
        "advocacy/views.py",
        "advocacy/public_views.py",
    } <= names


def test_view_modules_leave_the_html_glue_to_the_adapter() -> None:
    found = [line for path in view_modules() for line in glue_written_again(path)]
    assert found == []
