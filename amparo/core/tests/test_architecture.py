"""`core/access.py` is the only gate: views, API modules and templates never query a protected
model (anything reached through a case) themselves. The checker reads the source; a planted
direct query proves that it bites, and the real code must come out clean.

Rules, for views (`views.py`, `views/*.py`, `*_views.py`), API modules (`amparo/api/*.py`) and
templates:
- no `.objects`, `._default_manager` or `._base_manager` on a protected model;
- no related-manager query into a model with its own visibility rule (`organisation.cases.all()`
  skips restricted cases; `case.notes.all()`, `{{ case.notes.all }}` skip the privileged-note
  filter; documents and relatives likewise): the selectors apply those rules. A related manager
  into other case records (a court case's orders) stays inside a case already loaded through the
  gate and is allowed;
- in Python, no raw SQL (`.raw(`, `.extra(`, `connection.cursor()`) and no `apps.get_model`.

Read modules (`selectors.py`, the case facts and timeline, the dashboards, `documents/context/`) may
query protected models, but the gated ones only by the gate's rules:
- notes and documents only in a function that applies the privilege rule
  (`access.privileged_filtered`, or a `privileged=False` filter);
- relatives only through `access.relatives_of`;
- cases and clients only from `cases_visible_to` / `people_visible_to` (one command-line lookup,
  which runs as the operator, is listed in `OPERATOR_READS`).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.people.models import Person

PACKAGE = Path(__file__).resolve().parents[2]  # amparo/
MANAGERS = {"objects", "_default_manager", "_base_manager"}
QUERY_METHODS = {
    "all",
    "filter",
    "exclude",
    "get",
    "first",
    "last",
    "count",
    "exists",
    "values",
    "values_list",
    "order_by",
    "select_related",
    "prefetch_related",
    "annotate",
    "aggregate",
    "latest",
    "earliest",
    "iterator",
    "create",
    "update",
    "delete",
}
TEMPLATE_QUERY_METHODS = {"all", "count", "first", "last", "exists", "latest", "earliest"}


def protected_models() -> set[type[models.Model]]:
    """Case, Person and AuditEvent, and every model that reaches one of them by foreign key."""
    protected: set[type[models.Model]] = {Case, Person, AuditEvent}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models(include_auto_created=True):
            if model in protected:
                continue
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model in protected:
                    protected.add(model)
                    grew = True
                    break
    return protected


def protected_names() -> set[str]:
    return {model.__name__ for model in protected_models()}


# Models whose rows a role may see only in part: restricted cases, clients of hidden cases,
# privileged notes and documents, family contacts.
GATED_MODELS = {"Case", "Person", "Note", "Document", "Relative"}


def protected_accessors() -> set[str]:
    """Names of related managers that lead into a gated model (`cases`, `notes`…)."""
    found: set[str] = set()
    for model in apps.get_models():
        for relation in model._meta.related_objects:
            if getattr(relation.related_model, "__name__", "") in GATED_MODELS:
                accessor = relation.get_accessor_name()
                if accessor and not accessor.endswith("+"):
                    found.add(accessor)
    return found


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _terminal_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def check_python(path: Path) -> list[Violation]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = protected_names()
    accessors = protected_accessors()
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    found: list[Violation] = []

    def add(node: ast.AST, what: str) -> None:
        found.append(Violation(str(path), getattr(node, "lineno", 0), what))

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            name = _terminal_name(node.value)
            if name is not None and aliases.get(name, name) in names:
                add(node, f"{aliases.get(name, name)}.{node.attr} queried directly")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method, target = node.func.attr, node.func.value
            if method in {"raw", "extra"} or (
                method == "cursor" and _terminal_name(target) == "connection"
            ):
                add(node, f"raw SQL ({method})")
            if method == "get_model":
                add(node, "apps.get_model reaches models around the gate")
            if (
                method in QUERY_METHODS
                and isinstance(target, ast.Attribute)
                and target.attr in accessors
            ):
                add(node, f"related manager .{target.attr}.{method}() queried directly")
    return found


def check_template(path: Path) -> list[Violation]:
    accessors = protected_accessors()
    found: list[Violation] = []
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        for match in re.finditer(r"(\w+)\.(objects|_default_manager|_base_manager)\b", line):
            found.append(Violation(str(path), number, f"{match.group(0)} in a template"))
        for match in re.finditer(r"\.(\w+)\.(\w+)\b", line):
            if match.group(1) in accessors and match.group(2) in TEMPLATE_QUERY_METHODS:
                found.append(
                    Violation(str(path), number, f"related manager {match.group(0)} queried")
                )
    return found


def checked_files(root: Path = PACKAGE) -> tuple[list[Path], list[Path]]:
    """The view and API modules, and the templates, under `root`."""
    python = [
        p
        for p in root.rglob("*.py")
        if "tests" not in p.parts
        and "migrations" not in p.parts
        and (
            p.name == "views.py"
            or p.name.endswith("_views.py")
            or p.parent.name == "views"
            or (p.parent.name == "api" and p.parent.parent == root)
        )
    ]
    templates = [p for p in root.rglob("*.html") if "templates" in p.parts]
    return sorted(python), sorted(templates)


def check_tree(root: Path = PACKAGE) -> list[Violation]:
    python, templates = checked_files(root)
    found: list[Violation] = []
    for path in python:
        found += check_python(path)
    for path in templates:
        found += check_template(path)
    return found


def test_protected_models_include_everything_reached_through_a_case() -> None:
    expected = {
        "Case",
        "Person",
        "Relative",
        "LifeEvent",
        "Arrest",
        "Note",
        "Placement",
        "Proceeding",
        "CourtCase",
        "Respondent",
        "Filing",
        "Hearing",
        "Order",
        "Request",
        "Decision",
        "Deadline",
        "Inquiry",
        "Statement",
        "Document",
        "AuditEvent",
        "Publication",
        "PublicEvent",
    }
    assert expected <= protected_names()
    # Reference data and accounts are not case data.
    assert not {"Facility", "FieldOffice", "Court", "RequestType", "Organisation"} & (
        protected_names()
    )


def test_checker_finds_every_view_api_module_and_template() -> None:
    python, templates = checked_files()
    relative = {str(p.relative_to(PACKAGE)) for p in python}
    assert {"cases/views.py", "api/cases.py", "api/presenters.py", "audit/views.py"} <= relative
    assert "advocacy/public_views.py" in relative
    assert any(p.name == "case_detail.html" for p in templates)


PLANTED_VIEW = """
from django.shortcuts import render
from amparo.cases.models import Note as CaseNote
from amparo.people import models as people_models
from amparo.core.access import case_for


def leaky(request, case_id):
    case = case_for(request.user, case_id)
    notes = CaseNote.objects.filter(case_id=case_id)
    people = people_models.Person.objects.all()
    everything = case.notes.all()
    return render(request, "x.html", {"notes": notes, "people": people, "all": everything})
"""

PLANTED_TEMPLATE = """{% for note in case.notes.all %}{{ note.body }}{% endfor %}
{{ Person.objects.first }}
"""


def test_checker_fails_on_a_planted_direct_query(tmp_path: Path) -> None:
    (tmp_path / "leaky").mkdir()
    (tmp_path / "leaky" / "views.py").write_text(PLANTED_VIEW)
    (tmp_path / "leaky" / "templates").mkdir()
    (tmp_path / "leaky" / "templates" / "leak.html").write_text(PLANTED_TEMPLATE)

    found = [str(v) for v in check_tree(tmp_path)]

    assert any(":10: Note.objects queried directly" in v for v in found), found
    assert any(":11: Person.objects queried directly" in v for v in found), found
    assert any(":12: related manager .notes.all()" in v for v in found), found
    assert any("leak.html:1: related manager .notes.all" in v for v in found), found
    assert any("leak.html:2: Person.objects in a template" in v for v in found), found


def test_checker_passes_code_that_goes_through_the_gate(tmp_path: Path) -> None:
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "views.py").write_text(
        "from amparo.core.access import case_for\n"
        "from amparo.cases.selectors import case_timeline\n"
        "def page(request, case_id):\n"
        "    case = case_for(request.user, case_id)\n"
        "    return case_timeline(request.user, case)\n"
    )
    assert check_tree(tmp_path) == []


def test_real_views_api_modules_and_templates_query_only_through_the_gate() -> None:
    found = check_tree()
    assert found == [], "direct queries around core/access.py:\n" + "\n".join(map(str, found))


@pytest.mark.parametrize("name", sorted(MANAGERS))
def test_every_manager_spelling_is_caught(tmp_path: Path, name: str) -> None:
    (tmp_path / "views.py").write_text(
        f"from amparo.advocacy.models import Statement\nStatement.{name}.all()\n"
    )
    assert [v.line for v in check_python(tmp_path / "views.py")] == [2]


# --- read modules ---------------------------------------------------------------------------

PRIVILEGE_FLAGGED = {"Note", "Document"}
# Read as the installation's operator (a command without --as-user), never for a member.
OPERATOR_READS = {("documents/selectors.py", "case_by_reference")}


# The read modules that are not selectors by name: the case facts, the timeline and the boards.
CASE_READ_MODULES = {
    ("cases", "facts.py"),
    ("cases", "facts_custody.py"),
    ("cases", "facts_open.py"),
    ("cases", "timeline.py"),
    ("cases", "timeline_sql.py"),
    ("cases", "dashboard.py"),
    ("deadlines", "dashboard.py"),
}


def read_modules(root: Path = PACKAGE) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*.py")
        if "tests" not in p.parts
        and "migrations" not in p.parts
        and (
            p.name == "selectors.py"
            or p.parent.name in {"selectors", "context"}
            or (p.parent.name, p.name) in CASE_READ_MODULES
        )
    )


def _applies_privilege_rule(function: ast.AST) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if _terminal_name(node.func) == "privileged_filtered":
                return True
            for keyword in node.keywords:
                constant = keyword.value
                if keyword.arg == "privileged" and isinstance(constant, ast.Constant):
                    return constant.value is False
    return False


def check_read_module(path: Path, root: Path = PACKAGE) -> list[Violation]:
    tree = ast.parse(path.read_text(), filename=str(path))
    where = str(path.relative_to(root))
    found: list[Violation] = []
    scopes: list[ast.AST] = [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    for scope in scopes:
        name = getattr(scope, "name", "")
        for node in ast.walk(scope):
            if not (isinstance(node, ast.Attribute) and node.attr in MANAGERS):
                continue
            model = _terminal_name(node.value)
            what = None
            if model == "Relative":
                what = "relatives read without access.relatives_of"
            elif model in {"Case", "Person"} and (where, name) not in OPERATOR_READS:
                what = f"{model}.{node.attr} instead of cases_visible_to / people_visible_to"
            elif model in PRIVILEGE_FLAGGED and not _applies_privilege_rule(scope):
                what = f"{model}.{node.attr} read without the privilege rule"
            if what:
                found.append(Violation(str(path), node.lineno, f"{name}: {what}"))
    return found


PLANTED_SELECTOR = """
from amparo.cases.models import Case, Note
from amparo.documents.models import Document
from amparo.people.models import Relative


def leaky_context(case):
    notes = Note.objects.filter(case=case)
    family = Relative.objects.filter(person=case.person)
    return notes, family, Case.objects.all()


def careful(user, case):
    documents = Document.objects.filter(case=case)
    return privileged_filtered(user, case, documents)
"""


def test_read_checker_fails_on_a_planted_selector(tmp_path: Path) -> None:
    (tmp_path / "leaky").mkdir()
    (tmp_path / "leaky" / "selectors.py").write_text(PLANTED_SELECTOR)
    found = [str(v) for path in read_modules(tmp_path) for v in check_read_module(path, tmp_path)]
    assert len(found) == 3, found
    assert any(
        ":8: leaky_context: Note.objects read without the privilege rule" in v for v in found
    )
    assert any(":9: leaky_context: relatives read without" in v for v in found)
    assert any(":10: leaky_context: Case.objects instead of" in v for v in found)


def test_read_checker_covers_selectors_the_facts_and_the_document_context() -> None:
    relative = {str(p.relative_to(PACKAGE)) for p in read_modules()}
    assert {"cases/selectors.py", "cases/facts.py", "documents/context/sources.py"} <= relative
    # Every module the case facts and the timeline were split into, and the dashboards.
    assert {f"{app}/{name}" for app, name in CASE_READ_MODULES} <= relative


def test_real_read_modules_apply_the_gate_s_rules() -> None:
    found = [v for path in read_modules() for v in check_read_module(path)]
    assert found == [], "reads around the gate's rules:\n" + "\n".join(map(str, found))
