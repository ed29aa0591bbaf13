"""The wheel: what a non-editable ``pip install`` gets. The bundled examples ship in it (the ``profiles`` package, which
the profile list reads), beside the engine's data, and its version is engine.__version__."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

import engine
import profiles
from tests.conftest import EXAMPLES, ROOT
from tui import BUNDLED_DIR

#: what a wheel is built from (the rest of the repository is not in it)
SOURCES = ("pyproject.toml", "README.md", "engine", "tui", "profiles")


def build_isolated() -> bool:
    """Build in pip's isolated environment unless this one has the setuptools pyproject.toml asks for."""
    try:
        major = int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return True
    return major < 77


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """The wheel built by pip from a copy of the sources (the build leaves nothing in the repository)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / name, source / name)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(work / "dist")]
    if not build_isolated():
        command.append("--no-build-isolation")
    done = subprocess.run([*command, str(source)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (built,) = (work / "dist").glob("*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def test_the_examples_are_in_the_wheel(wheel):
    names = set(wheel.namelist())
    examples = sorted(p.name for p in EXAMPLES.glob("*.toml"))
    assert examples
    assert {f"profiles/{name}" for name in examples} | {"profiles/__init__.py"} <= names
    for name in examples:  # the examples as they are in the repository
        assert wheel.read(f"profiles/{name}") == (EXAMPLES / name).read_bytes(), name


def test_the_engines_data_and_the_apps_styles_are_in_the_wheel(wheel):
    names = set(wheel.namelist())
    for folder, pattern in (("engine/policy", "*.toml"), ("engine/locale", "*.mo"), ("engine/compiled", "*.msgpack"),
                            ("tui", "*.tcss")):
        files = sorted((ROOT / folder).glob(pattern))
        assert files and {f"{folder}/{p.name}" for p in files} <= names, folder
    assert "engine/places.json" in names
    assert "tui/web/page.html" in names  # the page of yibao serve


def test_the_wheels_version_is_the_engines(wheel):
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    assert Parser().parsestr(wheel.read(metadata).decode("utf-8"))["Version"] == engine.__version__


def test_the_app_finds_the_examples_in_the_profiles_package():
    assert BUNDLED_DIR == Path(profiles.__file__).resolve().parent == EXAMPLES
