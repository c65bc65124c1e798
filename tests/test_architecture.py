"""The layout shows the pipeline: stage packages that import only earlier stages, no import cycle,
small modules and small functions. Walks the source, so a new module is checked as it lands."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from data_pipeline.settings import REPO_ROOT

PACKAGE = REPO_ROOT / "data_pipeline"
# Stage order: a module may import its own stage and earlier ones. The foundation (settings,
# errors, formatting, accounts) is stage 0; the CLI drives every stage.
STAGES = {"reference": 1, "intake": 2, "warehouse": 3, "briefing": 4, "demo": 5}
FOUNDATION = {"settings", "errors", "formatting", "accounts"}
TOP_LEVEL = FOUNDATION | {"cli", "__init__", "__main__"}
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 60
SOURCES = ("data_pipeline", "ui", "pages", "bench", "docs")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path, known: set[str]) -> set[str]:
    """data_pipeline modules `path` imports anywhere in its body (lazy imports count too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("data_pipeline")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("data_pipeline"):
            for alias in node.names:  # `from data_pipeline.warehouse import statuses` imports a module
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
    return found - {"data_pipeline"}


def _stage(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) == 1:
        return None
    if parts[1] in FOUNDATION:
        return 0
    return STAGES.get(parts[1])


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, set(modules)) for name, path in modules.items()}


def test_only_the_foundation_and_the_cli_live_at_the_top():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top <= TOP_LEVEL, sorted(top - TOP_LEVEL)
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(STAGES)


def test_every_stage_package_says_what_enters_and_leaves_it():
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, stage


def test_no_stage_imports_a_later_one():
    wrong = []
    for module, imported in _graph().items():
        stage = _stage(module)
        if stage is None:  # the CLI, the package's own __init__/__main__
            continue
        for target in imported:
            target_stage = _stage(target)
            if target_stage is not None and target_stage > stage:
                wrong.append(f"{module} → {target}")
    assert not wrong


def test_there_is_no_import_cycle():
    graph = _graph()
    cycles, done = [], set()

    def visit(module: str, trail: tuple[str, ...]) -> None:
        if module in trail:
            cycles.append(" → ".join((*trail[trail.index(module) :], module)))
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, (*trail, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
    assert not cycles


def test_the_walk_sees_the_imports_it_checks():
    # the checks above are only as good as the graph: a known edge of each kind must be in it
    graph = _graph()
    assert "data_pipeline.intake.staged" in graph["data_pipeline.warehouse.build"]  # module-level
    assert "data_pipeline.warehouse.statuses" in graph["data_pipeline.warehouse.contracts"]  # from pkg import mod
    assert "data_pipeline.demo" in graph["data_pipeline.cli"]  # a lazy import inside a function


def _sources() -> list[Path]:
    files = [REPO_ROOT / "dashboard.py"]
    for folder in SOURCES:
        files += sorted((REPO_ROOT / folder).rglob("*.py"))
    return files


def test_no_module_is_over_450_lines():
    long = {
        str(p.relative_to(REPO_ROOT)): n
        for p in _sources()
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_no_function_is_over_60_lines():
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(REPO_ROOT)}:{node.lineno} {node.name}"] = lines
    assert not long


def test_the_data_home_is_laid_out_in_settings_only():
    # a location in the data home (staged files, archive, secrets, audit, builds) is named once,
    # in settings.Paths: elsewhere code asks Paths for it instead of joining a name onto a folder
    named = re.compile(r"paths\.(home|submissions|staged|archive|rejected|inbox|builds|warehouse)\s*/\s*f?[\"']")
    found = [
        f"{path.relative_to(REPO_ROOT)}:{number}"
        for path in _sources()
        if path.name != "settings.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if named.search(line)
    ]
    assert not found
    assert named.search('x = self.paths.staged / "units" / "*.parquet"')  # what it catches
