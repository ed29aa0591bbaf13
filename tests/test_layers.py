"""The engine's layers: one direction of imports, no cycle, no import put inside a function to hide one.

The contracts are import-linter's, in pyproject.toml (layers words > evaluation > rules > profile > data > core, no
cycle between the modules of any package, the engine never imports the app or its build steps, the app imports
only ``engine`` and ``engine.words``). Import-linter reads module-level and function-level imports alike, so a cycle
cannot hide inside a function from it; the walk below also refuses any engine import inside a function, so that
none is written to put off a cycle's failure until run time.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

ENGINE = ROOT / "engine"
LAYERS = ("core", "data", "profile", "rules", "evaluation", "words")


def test_the_import_contracts_hold():
    code = "from importlinter.cli import lint_imports; raise SystemExit(lint_imports(no_cache=True, no_logo=True))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert " kept, 0 broken." in out.stdout


def engine_modules() -> list:
    return sorted(p for p in ENGINE.rglob("*.py") if "__pycache__" not in p.parts)


def imports_in_functions(source: str) -> list[int]:
    """The lines of the imports of engine modules (``from engine…``, ``import engine…``, relative ones) that sit
    inside a function of ``source``."""
    found = []
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        for node in ast.walk(fn):
            if isinstance(node, ast.ImportFrom) and (node.level > 0 or (node.module or "").split(".")[0] == "engine"):
                found.append(node.lineno)
            elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "engine" for a in node.names):
                found.append(node.lineno)
    return found


def test_no_engine_import_inside_a_function():
    found = [f"{path.relative_to(ROOT)}:{line}" for path in engine_modules()
             for line in imports_in_functions(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_walk_sees_an_engine_import_inside_a_function():
    source = ("from . import months\n"
              "def f():\n    from ..data import policy\n    import engine.words\n    from json import dumps\n"
              "class C:\n    def g(self):\n        from engine import evaluate\n")
    assert imports_in_functions(source) == [3, 4, 8]


def test_no_engine_module_imports_the_package_itself():
    """A layer reaching the engine's surface (``from engine import …``) would reach every layer above it."""
    found = []
    for path in engine_modules():
        if path == ENGINE / "__init__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "engine":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "engine" for a in node.names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


@pytest.mark.parametrize("folder", ["tui", "benchmarks", "tools", "docs"])
def test_outside_the_engine_only_its_surface_is_imported(folder):
    """The app, the benchmarks, the tools and the docs import ``engine`` and ``engine.words``, nothing deeper."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] == "engine" and name not in ("engine", "engine.words"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert found == []


def test_each_layer_is_a_package():
    assert all((ENGINE / layer / "__init__.py").exists() for layer in LAYERS)
