"""Imports keep the layers: parsing <- storage <- ingest <- api / cli, and readers beside storage.

The parser is pure (text to records) and imports no layer above it; storage keeps what the parser
and the readers make and imports neither the readers nor anything above it; ingestion joins
readers, parser and storage; the API and the command line sit on top. Checked on the source, by
the imports each module states (a function's own imports included)."""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).parents[1] / "app"
SHARED = {"app.errors", "app.source", "app.timeouts", "app.config", "app"}  # leaves any layer may use
MAY_NOT_IMPORT = {
    "app.parsing": {"app.readers", "app.storage", "app.ingest", "app.api", "app.cli", "app.main", "app.report_json"},
    "app.readers": {"app.parsing", "app.storage", "app.ingest", "app.api", "app.cli", "app.main"},
    "app.storage": {"app.readers", "app.ingest", "app.api", "app.cli", "app.main"},
    "app.ingest": {"app.api", "app.cli", "app.main"},
    "app.api": {"app.cli"},
}


def _layer(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else module


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "app" or name.startswith("app.")}


def _modules() -> list[tuple[str, Path]]:
    return [(".".join(("app", *path.relative_to(APP).with_suffix("").parts)).removesuffix(".__init__"), path)
            for path in sorted(APP.rglob("*.py"))]


@pytest.mark.parametrize(("module", "path"), _modules(), ids=[m for m, _ in _modules()])
def test_a_module_imports_no_layer_above_its_own(module: str, path: Path) -> None:
    forbidden = MAY_NOT_IMPORT.get(_layer(module), set())
    wrong = sorted(name for name in _imports(path) if _layer(name) in forbidden and name not in SHARED)
    assert not wrong, f"{module} imports {', '.join(wrong)}"


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "writes.py"
    module.write_text("def f():\n    from app.readers import read_document\n", encoding="utf-8")
    assert _imports(module) == {"app.readers"}
    assert _layer("app.readers") in MAY_NOT_IMPORT["app.storage"]
