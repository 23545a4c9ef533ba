"""The layout's import rules (README, "Layout"), read from the source: every import counts,
also one inside a function or under `if TYPE_CHECKING`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "newsreader"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _imports(name: str) -> set[str]:
    """The newsreader modules `name` imports (a `from package import submodule` names the
    submodule), and `django` when it imports Django."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            if target == "django" or target.startswith("django."):
                found.add("django")
            elif target.split(".")[0] == "newsreader":
                found.add(target)
    return found


GRAPH = {name: _imports(name) for name in MODULES}


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _violations(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if _under(name, *sources)
        for target in targets
        if _under(target, *forbidden)
    )


def test_the_graph_is_read_from_the_source():
    assert "newsreader.analysis.cleaning" in GRAPH["newsreader.services.articles"]
    assert "newsreader.services.story_analysis" in GRAPH["newsreader.features.compare.section"]
    assert "django" in GRAPH["newsreader.models"]


def test_the_analysis_core_imports_nothing_of_django_or_the_app():
    app = [m for m in MODULES if m != "newsreader" and not _under(m, "newsreader.analysis")]
    assert _violations(("newsreader.analysis",), ("django", *app)) == []


@pytest.mark.parametrize(
    "sources, forbidden",
    [
        (("newsreader.models",), ("newsreader.services", "newsreader.features", "newsreader.web")),
        (("newsreader.services",), ("newsreader.features", "newsreader.web", "newsreader.exports")),
        (("newsreader.web",), ("newsreader.features",)),
    ],
)
def test_imports_flow_one_way(sources, forbidden):
    assert _violations(sources, forbidden) == []


def test_features_do_not_import_each_other():
    features = sorted(
        {
            m.split(".")[2]
            for m in MODULES
            if m.count(".") >= 2 and m.startswith("newsreader.features.")
        }
    )
    assert {"compare", "claims", "framing", "origins"} <= set(features)
    for feature in features:
        others = tuple(f"newsreader.features.{f}" for f in features if f != feature)
        assert _violations((f"newsreader.features.{feature}",), others) == []


def test_views_reach_the_analysis_core_only_through_services_or_their_feature():
    views = tuple(m for m in MODULES if m.endswith(".views"))
    assert len(views) >= 5
    assert _violations(views, ("newsreader.analysis",)) == []


def test_there_is_no_import_circle():
    cycles = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH.get(name, ())):
            if target not in GRAPH:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target) :] + [target]))
            elif target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


MAX_LINES = 400  # a module longer than this holds two jobs: split it


def test_no_module_is_over_400_lines():
    long = {
        name: n for name, p in MODULES.items() if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"
