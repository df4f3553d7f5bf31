"""A contract type for import-linter that the stock ones cannot express: "these modules do not
import this part of an external package" (e.g. `django.db`), while other parts of the same
package (`django.utils.translation`) stay allowed. import-linter squashes external packages to
their top-level name, so this contract reads the import lines it records instead.

Named in `.importlinter` as `scripts.import_contracts.ForbiddenExternalSubmodulesContract`;
`lint-imports` puts the working directory on `sys.path`, so run it from the repository root.
"""

from __future__ import annotations

import re

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck
from importlinter.domain.helpers import module_expressions_to_modules


class ForbiddenExternalSubmodulesContract(Contract):
    """source_modules (expressions, as packages) must not import any of forbidden_submodules
    (dotted names inside external packages, e.g. `django.db`) directly."""

    type_name = "forbidden_external_submodules"

    source_modules = fields.SetField(subfield=fields.ModuleExpressionField())
    forbidden_submodules = fields.SetField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        sources = module_expressions_to_modules(
            graph,
            self.source_modules,  # type: ignore[arg-type]
            as_packages=True,
            raise_if_unmatched=True,
        )
        violations: list[tuple[str, int, str]] = []
        for submodule in sorted(self.forbidden_submodules):  # type: ignore[call-overload]
            root = submodule.split(".")[0]
            tail = re.escape(submodule[len(root) + 1 :])
            # `from django.db import models`, `import django.db.models`, `from django import db`
            pattern = re.compile(
                rf"(?:^|\s)(?:from|import)\s+{re.escape(submodule)}(?:[\s.,]|$)"
                rf"|from\s+{re.escape(root)}\s+import\s+(?:.*[\s,(])?{tail}(?:[\s,)]|$)"
            )
            if root not in graph.modules:
                continue
            for source in sorted(sources, key=lambda m: m.name):
                for detail in graph.get_import_details(importer=source.name, imported=root):
                    if pattern.search(detail["line_contents"]):
                        violations.append(
                            (source.name, detail["line_number"], detail["line_contents"])
                        )
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, line_number, line in check.metadata["violations"]:
            output.print_error(f"{module}:{line_number}: {line}", bold=False)
            output.new_line()
