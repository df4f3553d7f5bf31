"""No import cycle anywhere in `amparo` (tests, migrations and conftest aside): the import-linter
contract `no-cycles` checks within each app; this checks across apps too, module by module."""

from __future__ import annotations

import grimp


def _code_modules(graph: grimp.ImportGraph) -> set[str]:
    return {
        m
        for m in graph.modules
        if ".tests" not in m and ".migrations" not in m and m.rsplit(".", 1)[-1] != "conftest"
    }


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan, iterative)."""
    modules = _code_modules(graph)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & modules) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(modules):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if position < len(edges[node]):
                work.append((node, position + 1))
                target = edges[node][position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def test_no_import_cycle_between_modules() -> None:
    assert import_cycles(grimp.build_graph("amparo", cache_dir=None)) == []


def test_the_cycle_check_finds_a_planted_cycle() -> None:
    graph = grimp.build_graph("amparo", cache_dir=None)
    graph.add_import(importer="amparo.deadlines.selectors", imported="amparo.deadlines.services")
    assert ["amparo.deadlines.selectors", "amparo.deadlines.services"] in import_cycles(graph)
