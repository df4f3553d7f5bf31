"""Rendering DOCX templates (docxtpl) without ever printing a blank or "None".

Two checks run before a document exists:

1. `template_fields` reads every field the template uses from the DOCX itself (body, headers and
   footers, after docxtpl's own preprocessing, parsed by Jinja): a field not declared in
   `fields.py` is refused by name.
2. `render` fills the template with `prepare(context)`, in which every empty value is a
   `MissingValue`: false in `{% if %}`, empty in a loop, but printing one records its field.
   After rendering, the recorded fields are exactly the data the document would have lacked;
   the caller gets them as `MissingDataError` and no file is kept.

Templates come from organisations, so they run in Jinja's sandbox with undefined names raising.
"""

from __future__ import annotations

import dataclasses
import functools
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from docx import Document as open_docx
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from amparo.documents.fields import GROUPS, field_for, is_known


class TemplateFileError(ValueError):
    """The file is not a DOCX template Amparo can read (message safe to show)."""


@dataclass(frozen=True)
class MissingItem:
    """One thing a document needs that the case lacks (or a field no template may use)."""

    field: str
    description: str
    fix: str  # key of fields.FIX_PLACES
    unknown: bool = False  # the template uses a field Amparo does not have


class MissingDataError(Exception):
    """The template needs data the case does not have; `items` says exactly what."""

    def __init__(self, items: list[MissingItem]) -> None:
        super().__init__(f"{len(items)} field(s) missing")  # never the values themselves
        self.items = items


# --- empty values -------------------------------------------------------------------------------


class MissingValue:
    """An empty value: falsy, iterates as nothing, and records its path when printed."""

    __slots__ = ("_log", "_path")

    def __init__(self, path: str, log: list[str]) -> None:
        self._path = path
        self._log = log

    def _record(self) -> str:
        if self._path not in self._log:
            self._log.append(self._path)
        return ""

    def __html__(self) -> str:
        return self._record()

    def __str__(self) -> str:
        return self._record()

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Iterator[Any]:
        self._record()
        return iter(())

    def __getattr__(self, name: str) -> MissingValue:
        if name.startswith("__"):
            raise AttributeError(name)
        return MissingValue(f"{self._path}.{name}", self._log)

    def __getitem__(self, name: object) -> MissingValue:
        return MissingValue(f"{self._path}.{name}", self._log)

    def __repr__(self) -> str:
        return f"MissingValue({self._path})"


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _wrap_record(
    record: dict[str, Any] | None, path: str, specs: Any, log: list[str]
) -> dict[str, Any] | MissingValue:
    if record is None:
        return MissingValue(path, log)
    out: dict[str, Any] = {}
    for name, value in record.items():
        spec = specs.get(name)
        out[name] = _wrap_value(value, f"{path}.{name}", spec, log)
    return out


def _wrap_value(value: Any, path: str, spec: Any, log: list[str]) -> Any:
    if isinstance(value, list):
        if not value and spec is not None and not spec.optional:
            return MissingValue(path, log)
        item_specs = spec.items if spec is not None else {}
        return [
            _wrap_record(v, f"{path}[]", item_specs, log)
            if isinstance(v, dict)
            else (MissingValue(f"{path}[]", log) if _empty(v) else v)
            for v in value
        ]
    if _empty(value):
        return MissingValue(path, log)
    return value


def prepare(context: dict[str, Any], log: list[str]) -> dict[str, Any]:
    """The context with every empty value replaced by a recording `MissingValue`."""
    prepared: dict[str, Any] = {}
    for group in GROUPS:
        raw = context.get(group.name)
        if group.value is not None:
            spec = group.value
            if group.optional:
                spec = dataclasses.replace(spec, optional=True)
            prepared[group.name] = _wrap_value(raw, group.name, spec, log)
        else:
            prepared[group.name] = _wrap_record(raw, group.name, group.fields, log)
    return prepared


# --- reading a template's fields ----------------------------------------------------------------


def jinja_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def _template_xml(data: bytes) -> str:
    """Body, headers and footers of a DOCX as docxtpl prepares them for Jinja."""
    try:
        template = DocxTemplate(io.BytesIO(data))
        document = open_docx(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise TemplateFileError("The file is not a readable DOCX document.") from exc
    parts = [template.xml_to_string(document.element.body)]
    for rel in document.part.rels.values():
        if rel.reltype in (template.HEADER_URI, template.FOOTER_URI) and rel.target_part.blob:
            parts.append(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return "\n".join(template.patch_xml(xml) for xml in parts)


def _chain(node: nodes.Node) -> tuple[str, list[str]] | None:
    """`client.full_name` → ("client", ["full_name"]); None for anything but a plain chain."""
    attrs: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            attrs.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            attrs.append(str(node.arg.value))
            node = node.node
        elif isinstance(node, nodes.Name):
            return node.name, list(reversed(attrs))
        else:
            return None


def _loop_bindings(tree: nodes.Template) -> tuple[dict[str, set[str]], set[str]]:
    """Loop variables → the list paths they run over; other names the template assigns."""
    loops: dict[str, set[str]] = {}
    assigned: set[str] = {"loop", "range", "namespace", "dict", "cycler", "joiner", "lipsum"}
    pending = list(tree.find_all(nodes.For))
    resolved = True
    while resolved:  # nested loops over loop variables resolve outer first
        resolved = False
        for loop in list(pending):
            chain = _chain(loop.iter)
            targets = [n.name for n in loop.target.find_all(nodes.Name)]
            if isinstance(loop.target, nodes.Name):
                targets = [loop.target.name]
            if chain is None:
                assigned.update(targets)
                pending.remove(loop)
                resolved = True
                continue
            root, attrs = chain
            if root in loops:
                bases = {".".join([b, *attrs]) for b in loops[root]}
            elif root in assigned:
                bases = set()
            else:
                bases = {".".join([root, *attrs])}
            for target in targets:
                if bases:
                    loops.setdefault(target, set()).update(f"{b}[]" for b in bases)
                else:
                    assigned.add(target)
            pending.remove(loop)
            resolved = True
    for assign in tree.find_all(nodes.Assign):
        assigned.update(n.name for n in assign.target.find_all(nodes.Name))
        if isinstance(assign.target, nodes.Name):
            assigned.add(assign.target.name)
    for block in tree.find_all(nodes.AssignBlock):
        assigned.update(n.name for n in block.target.find_all(nodes.Name))
        if isinstance(block.target, nodes.Name):
            assigned.add(block.target.name)
    for macro in tree.find_all(nodes.Macro):
        assigned.update(arg.name for arg in macro.args)
    for call in tree.find_all(nodes.CallBlock):
        assigned.update(arg.name for arg in call.args)
    for with_node in tree.find_all(nodes.With):
        for with_target in with_node.targets:
            assigned.update(n.name for n in with_target.find_all(nodes.Name))
            if isinstance(with_target, nodes.Name):
                assigned.add(with_target.name)
    return loops, assigned


def fields_used(source: str) -> set[str]:
    """Every field path a Jinja source reads: `client.full_name`, `respondents[].title`."""
    tree = jinja_environment().parse(source)
    loops, assigned = _loop_bindings(tree)
    found: set[str] = set()

    def visit(node: nodes.Node) -> None:
        chain = _chain(node) if isinstance(node, (nodes.Getattr, nodes.Getitem)) else None
        if chain is None and isinstance(node, nodes.Name) and node.ctx == "load":
            chain = (node.name, [])
        if chain is not None:
            root, attrs = chain
            if root in loops:
                found.update(".".join([base, *attrs]) for base in loops[root])
            elif root not in assigned:
                found.add(".".join([root, *attrs]))
            return
        for child in node.iter_child_nodes():
            visit(child)

    visit(tree)
    # `client.full_name` also names `client`; keep only the longest paths.
    return {p for p in found if not any(o.startswith(p + ".") for o in found)}


def template_fields(data: bytes) -> set[str]:
    """The fields a DOCX template uses. Raises TemplateFileError for a file that is not a
    readable template (not a DOCX, or Jinja syntax errors)."""
    return set(_template_fields(data))


@functools.lru_cache(maxsize=64)
def _template_fields(data: bytes) -> frozenset[str]:
    # Cached by content: the panel and the template list read the same few files again.
    xml = _template_xml(data)
    try:
        return frozenset(fields_used(xml))
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        raise TemplateFileError(
            f"The template's fields cannot be read: {exc.message or 'syntax error'}"
            + (f" (near line {line} of the document XML)." if line else ".")
        ) from exc


def unknown_fields(used: set[str]) -> list[MissingItem]:
    items = []
    for path in sorted(used):
        if not is_known(path):
            items.append(
                MissingItem(
                    field=path,
                    description=_(
                        "The template uses a field Amparo does not have; see the list of "
                        "template fields."
                    ),
                    fix="none",
                    unknown=True,
                )
            )
    return items


def missing_items(paths: list[str]) -> list[MissingItem]:
    items = []
    for path in paths:
        spec, group = field_for(path)
        if spec is None and group is None:
            continue
        description = spec.description if spec is not None else (group.title if group else path)
        if group is not None and spec is not None and group.value is None:
            description = f"{group.title} — {description}"
        items.append(MissingItem(path, str(description), group.fix if group else "none"))
    return items


def render(data: bytes, context: dict[str, Any]) -> bytes:
    """The filled-in DOCX. Raises MissingDataError listing every field that would print empty
    or is unknown, TemplateFileError for a broken template."""
    unknown = unknown_fields(template_fields(data))
    if unknown:
        raise MissingDataError(unknown)
    log: list[str] = []
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.render(prepare(context, log), jinja_env=jinja_environment(), autoescape=True)
    except UndefinedError as exc:
        # A name the static read did not see (e.g. built at run time): refuse it as unknown.
        raise MissingDataError(
            [MissingItem("?", f"The template uses an undefined value: {exc.message}", "none", True)]
        ) from exc
    except TemplateError as exc:
        raise TemplateFileError(f"The template cannot be rendered: {exc.message}") from exc
    if log:
        raise MissingDataError(missing_items(log))
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """All paragraph and table text of a DOCX, one paragraph a line (for checks and search)."""
    document = open_docx(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs]
        lines += [p.text for p in section.footer.paragraphs]
    return "\n".join(lines)
