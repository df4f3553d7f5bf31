"""Modules and functions over the size targets of docs/architecture.md ("Modules a person can
hold in their head"): no module over 400 lines outside tests, migrations and data, no function
over 60 lines. Prints one offender a line, longest first; `--count` prints only the totals.

    .venv/bin/python scripts/sizes.py [--count]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "amparo"
MODULE_LIMIT = 400
FUNCTION_LIMIT = 60
# Not code a person reads as logic: generated migrations, tests, reference data tables.
SKIPPED_PARTS = {"tests", "migrations", "vendor", "data"}


def python_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED_PARTS & set(path.relative_to(ROOT).parts) and path.name != "conftest.py"
    )


def offenders() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    modules, functions = [], []
    for path in python_files():
        name = str(path.relative_to(ROOT.parent))
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > MODULE_LIMIT:
            modules.append((lines, name))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > FUNCTION_LIMIT:
                    functions.append((length, f"{name}:{node.lineno} {node.name}"))
    return sorted(modules, reverse=True), sorted(functions, reverse=True)


def main() -> None:
    modules, functions = offenders()
    if "--count" not in sys.argv:
        for lines, name in modules:
            print(f"module   {lines:5d}  {name}")
        for lines, name in functions:
            print(f"function {lines:5d}  {name}")
    print(
        f"{len(modules)} modules over {MODULE_LIMIT} lines, "
        f"{len(functions)} functions over {FUNCTION_LIMIT} lines"
    )


if __name__ == "__main__":
    main()
