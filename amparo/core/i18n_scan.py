"""Finds words in templates that are not marked for translation.

A template's text is everything outside `{% %}`, `{{ }}` and comments. Words there, and in the
attributes people read (title, placeholder, aria-label, alt), must sit inside `{% translate %}`
or `{% blocktranslate %}`; otherwise a Spanish or Arabic reader would meet English.
"""

from __future__ import annotations

import ast
import html
import re
from dataclasses import dataclass
from pathlib import Path

from django.template.base import Lexer, TokenType

# Words that are the same in every language: the product's name.
UNTRANSLATED_WORDS = frozenset({"Amparo"})
READ_ATTRIBUTES = re.compile(
    r"""\b(?:title|placeholder|aria-label|alt)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
TAG = re.compile(r"<[^>]*>", re.DOTALL)
SKIPPED_ELEMENTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
WORD = re.compile(r"[^\W\d_]{2,}")
MARK = "\u2022"  # stands for a template tag or variable; never a word
TRANSLATING_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}
SKIPPING_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim"}


@dataclass(frozen=True)
class Unmarked:
    template: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.template}:{self.line}: {self.text!r}"


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(html.unescape(text)) if w not in UNTRANSLATED_WORDS]


def _flatten(source: str) -> str:
    """The template's text with every tag, variable and translated block turned into a mark,
    keeping the line breaks so line numbers still match."""
    closing: str | None = None
    pieces: list[str] = []
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            word = token.contents.split()[0] if token.contents.split() else ""
            if closing is not None and word == closing:
                closing = None
            elif closing is None:
                closing = TRANSLATING_BLOCKS.get(word) or SKIPPING_BLOCKS.get(word)
            pieces.append(MARK)
        elif token.token_type == TokenType.TEXT and closing is None:
            pieces.append(token.contents)
        else:
            pieces.append(MARK + "\n" * token.contents.count("\n"))
    return "".join(pieces)


def _blank(match: re.Match[str]) -> str:
    return " " + "\n" * match.group(0).count("\n")


def unmarked_strings(path: Path, name: str) -> list[Unmarked]:
    text = _flatten(path.read_text(encoding="utf-8"))
    text = HTML_COMMENT.sub(_blank, SKIPPED_ELEMENTS.sub(_blank, text))
    found: list[Unmarked] = []
    for match in READ_ATTRIBUTES.finditer(text):
        value = match.group(1) or match.group(2) or ""
        if _words(value):
            found.append(Unmarked(name, text.count("\n", 0, match.start()) + 1, value))
    for number, line in enumerate(TAG.sub(_blank, text).split("\n"), start=1):
        if _words(line):
            found.append(Unmarked(name, number, " ".join(line.replace(MARK, " ").split())))
    return found


# Python calls whose text reaches a person: refusals, form errors and flash messages.
MESSAGE_CALLS = frozenset(
    {"ValidationError", "TransitionError", "CommandError", "PermissionDenied", "ValueError", "fail"}
)
FLASH_CALLS = frozenset({"debug", "info", "success", "warning", "error", "add_message"})


def unmarked_python_messages(path: Path, name: str) -> list[Unmarked]:
    """Literal English handed to ValidationError and its kin, `messages.*(request, ...)` or
    `add_error(field, ...)` without gettext: the reader would get it in English whatever their
    language. A literal is a string, an f-string, or a string formatted with % or .format()."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for text in _message_arguments(node):
            for literal in _literals(text):
                found.append(Unmarked(name, literal.lineno, ast.unparse(literal)[:80]))
    return found


def _message_arguments(call: ast.Call) -> list[ast.expr]:
    func = call.func
    called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    owner = (
        func.value.id
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
        else ""
    )
    if called in MESSAGE_CALLS:
        return [*call.args[:1], *(k.value for k in call.keywords if k.arg == "message")]
    if owner == "messages" and called in FLASH_CALLS:
        return call.args[2:3] if called == "add_message" else call.args[1:2]
    if called == "add_error":
        return call.args[1:2]
    return []


def _literals(node: ast.expr) -> list[ast.expr]:
    """The unmarked literal texts in an argument (looking inside dicts and lists)."""
    if isinstance(node, ast.Dict):
        return [found for value in node.values for found in _literals(value)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [found for item in node.elts for found in _literals(item)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _literals(node.left)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _literals(node.func.value)
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and WORD.search(node.value):
        return [node]
    if isinstance(node, ast.JoinedStr):
        words = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        return [node] if WORD.search(words) else []
    return []


# Calls that make a rule's text safe: a phrase (translated when read), gettext, or text that is
# English by design (the request letter to ICE, a petition's caption, like a court filing).
PHRASE_CALLS = frozenset(
    {"phrase", "phrase_plural", "gettext", "gettext_lazy", "_", "letter", "caption"}
)


def unmarked_rule_texts(path: Path, name: str) -> list[Unmarked]:
    """f-strings of words in a pure legal rule that are not a phrase: their text reaches a person
    (a next step's note, a detention flag, a caution) and would stay English for every reader.
    An f-string without a space in its literal parts is a slug or a join, not a sentence. Plain
    sentences added to a rule's notes, warnings or steps, or raised as a VenueError, count too."""
    tree = ast.parse(path.read_text(), str(path))
    found: list[Unmarked] = []

    def visit(node: ast.AST, marked: bool) -> None:
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            marked = marked or called in PHRASE_CALLS
            if not marked and _adds_a_note(func):
                for argument in node.args:
                    if isinstance(argument, ast.Constant) and _sentence(argument.value):
                        found.append(Unmarked(name, argument.lineno, ast.unparse(argument)[:80]))
        if isinstance(node, ast.JoinedStr) and not marked:
            words = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
            if WORD.search(words) and " " in words.strip():
                found.append(Unmarked(name, node.lineno, ast.unparse(node)[:80]))
        for child in ast.iter_child_nodes(node):
            visit(child, marked)

    visit(tree, False)
    return found


# Where a rule hands a person plain text: a note or warning of its answer, or its refusal.
NOTE_LISTS = frozenset({"notes", "warnings", "steps"})
RULE_REFUSALS = frozenset({"VenueError"})


def _adds_a_note(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in RULE_REFUSALS
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "append"
        and isinstance(func.value, ast.Name)
        and func.value.id in NOTE_LISTS
    )


def _sentence(value: object) -> bool:
    return isinstance(value, str) and bool(WORD.search(value)) and " " in value.strip()
