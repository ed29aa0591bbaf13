"""The program uses the public API of the libraries it builds on: no private name of Textual, Rich, msgspec,
argparse, gettext or any other library is read, written, imported or overridden in ``engine/`` or ``tui/``.

A private name is one that begins with an underscore and is not a ``__dunder__``. Three checks:

(a) in the source, an attribute ``x._name`` (read, written or named in ``getattr``/``setattr``/``hasattr``) whose
    name our own code does not define (``def _f``, ``class _C``, ``self._a = ...``, ``_a = ...`` in a class or a
    module): it can only be a library's;
(b) in the source, an import of a library's private module (``textual._time``, ``textual.widgets._header``), or of
    a private name from a library (``from textual import _time``), or a library's private module named in a string
    (``sys.modules["msgspec._utils"]``);
(c) at run time, for each class of ours that derives from a library's class: a private name it defines, or uses on
    ``self``, that a library class it derives from also defines (a method overridden, an attribute read or
    replaced): found in the library classes' ``__dict__`` and in the attributes their source sets on ``self``;
(d) in the source, an attribute of a library's module replaced (``rich.text.divide_line = ...``), or a module put
    in ``sys.modules``.

:data:`ALLOWED` lists the few places where a library offers no public way to do what the program needs, each with
its reason; an entry that no longer matches anything fails too, so the list only shrinks.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import re
import sys
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from textual.widgets import Static

ROOT = Path(__file__).resolve().parent.parent
OURS = ("engine", "tui")

#: (module, name, why): the only places where the program touches a library's private name or replaces a part of it
ALLOWED: tuple[tuple[str, str, str], ...] = (
    ("tui.linebreak", "divide_line",
     "Rich and Textual wrap every text with this function and offer no public way to choose where lines break: "
     "Chinese breaks between any two characters and never puts a closing mark first on a line; the app and the "
     "printed reports install it as they start"),
)

@dataclass(frozen=True, order=True)
class Finding:
    module: str
    line: int
    name: str
    what: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: {self.what} {self.name}"


def is_private(name: str) -> bool:
    """``_name`` but not ``__name`` (a dunder, or a name Python mangles per class)."""
    return name.startswith("_") and not name.startswith("__")


def is_ours(module: str) -> bool:
    return module.split(".")[0] in OURS


def _self_target(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
        return node.attr
    return None


def _targets(node: ast.AST):
    if isinstance(node, (ast.Tuple, ast.List)):
        for item in node.elts:
            yield from _targets(item)
    elif isinstance(node, ast.Starred):
        yield from _targets(node.value)
    else:
        yield node


def defined_names(tree: ast.AST) -> set[str]:
    """The private names a source defines: functions, classes, names assigned at module or class level (or
    anywhere), and attributes assigned on ``self``/``cls``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
            targets = [node.target]
        elif isinstance(node, ast.NamedExpr):
            targets = [node.target]
        for target in targets:
            for item in _targets(target):
                if isinstance(item, ast.Name):
                    names.add(item.id)
                elif (attr := _self_target(item)) is not None:
                    names.add(attr)
    return {name for name in names if is_private(name) and name != "_"}  # "_": a value thrown away


@cache
def _is_library_module(name: str) -> bool:
    top = name.split(".")[0]
    if top in OURS or not top.isidentifier():
        return False
    try:
        return importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        return False


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.\w+)+")


def _private_module(name: str) -> bool:
    """A library's module whose dotted name has a private part (``textual._time``, ``rich._loop``)."""
    return not is_ours(name) and any(is_private(part) for part in name.split(".")) and _is_library_module(name)


@cache
def _is_library_submodule(package: str, name: str) -> bool:
    try:
        return _is_library_module(package) and importlib.util.find_spec(f"{package}.{name}") is not None
    except (ImportError, ValueError, AttributeError):
        return False


def library_modules(tree: ast.AST) -> set[str]:
    """The names a source binds to a library's module (``import rich.text`` binds ``rich``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_library_module(alias.name):
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if _is_library_submodule(node.module, alias.name):
                    names.add(alias.asname or alias.name)
    return names


def _root(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def patched(tree: ast.AST, module: str) -> list[Finding]:
    """Check (d): what a source replaces in a library's module (``rich.text.divide_line = ...``), and modules it
    puts in ``sys.modules``."""
    modules = library_modules(tree)
    found = []
    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr") \
                and node.args and isinstance(node.args[1] if len(node.args) > 1 else None, ast.Constant):
            if _root(node.args[0]) in modules:
                found.append(Finding(module, node.lineno, str(node.args[1].value), "replaces in a library's module"))
        for target in targets:
            for item in _targets(target):
                if isinstance(item, ast.Attribute) and _root(item.value) in modules:
                    found.append(Finding(module, node.lineno, item.attr, "replaces in a library's module"))
                elif isinstance(item, ast.Subscript) and _is_sys_modules(item.value):
                    found.append(Finding(module, node.lineno, "sys.modules", "puts a module in"))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in ("update", "setdefault") and _is_sys_modules(node.func.value):
            found.append(Finding(module, node.lineno, "sys.modules", "puts a module in"))
    return found


def _is_sys_modules(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "modules" and _root(node) == "sys"


def source_findings(source: str, module: str, ours: set[str]) -> list[Finding]:
    """Checks (a), (b) and (d) on one module's source; ``ours``: the private names our code defines."""
    tree = ast.parse(source)
    found: list[Finding] = patched(tree, module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and node.attr not in ours:
            found.append(Finding(module, node.lineno, node.attr, "a library's private attribute"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2 \
                and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str) \
                and is_private(node.args[1].value) and node.args[1].value not in ours:
            found.append(Finding(module, node.lineno, node.args[1].value, "a library's private attribute"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _private_module(alias.name):
                    found.append(Finding(module, node.lineno, alias.name, "a library's private module"))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and not is_ours(node.module):
            if _private_module(node.module):
                found.append(Finding(module, node.lineno, node.module, "a library's private module"))
            for alias in node.names:
                if is_private(alias.name):
                    found.append(Finding(module, node.lineno, f"{node.module}.{alias.name}",
                                         "a library's private name"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.fullmatch(node.value) \
                and _private_module(node.value):
            found.append(Finding(module, node.lineno, node.value, "a library's private module named"))
    return found


def our_sources() -> dict[str, Path]:
    """module name -> file, for every module of engine/ and tui/."""
    modules = {}
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def static_findings() -> list[Finding]:
    sources = {module: path.read_text(encoding="utf-8") for module, path in our_sources().items()}
    ours: set[str] = set()
    for source in sources.values():
        ours |= defined_names(ast.parse(source))
    found = []
    for module, source in sources.items():
        found += source_findings(source, module, ours)
    return found


# -- (c): at run time -----------------------------------------------------------------------------------------------


def _class_tree(cls: type) -> ast.AST | None:
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return None  # built in, or made at run time


@cache
def library_private_names(cls: type) -> frozenset[str]:
    """The private names a library class defines: in its ``__dict__``, and the attributes its source sets on
    ``self``."""
    names = {name for name in vars(cls) if is_private(name)}
    tree = _class_tree(cls)
    if tree is not None:
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    for item in _targets(target):
                        if (attr := _self_target(item)) is not None and is_private(attr):
                            names.add(attr)
    return frozenset(names)


@cache
def own_private_names(cls: type) -> dict[str, int]:
    """The private names a class of ours defines in its body or uses on ``self``/``cls`` (name -> a line where).
    Read from its source: what Textual's metaclass writes into every subclass (``_css_type_name``) is not ours."""
    names: dict[str, int] = {}
    tree = _class_tree(cls)
    if tree is None:
        return names
    first = inspect.getsourcelines(cls)[1] - 1
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and is_private(node.name):
            names.setdefault(node.name, first + node.lineno)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                for item in _targets(target):
                    if isinstance(item, ast.Name) and is_private(item.id):
                        names.setdefault(item.id, first + node.lineno)
    for node in ast.walk(tree):
        if (attr := _self_target(node)) is not None and is_private(attr):
            names.setdefault(attr, first + node.lineno)
    return names


def classes_of(module) -> list[type]:
    found, todo = [], [value for value in vars(module).values() if isinstance(value, type)]
    while todo:
        cls = todo.pop()
        if cls.__module__ == module.__name__ and cls not in found:
            found.append(cls)
            todo += [value for value in vars(cls).values() if isinstance(value, type)]
    return found


def class_findings(classes, ours=is_ours) -> list[Finding]:
    """Check (c) on our classes (``ours``: whether a module is ours)."""
    found = []
    for cls in classes:
        library = [base for base in cls.__mro__[1:] if not ours(base.__module__) and base is not object]
        if not library:
            continue
        for own in (base for base in cls.__mro__ if ours(base.__module__)):
            for name, line in own_private_names(own).items():
                owner = next((base for base in library if name in library_private_names(base)), None)
                if owner is not None:
                    found.append(Finding(own.__module__, line, name,
                                         f"{own.__qualname__} uses or overrides {owner.__module__}.{owner.__qualname__}'s"))
    return sorted(set(found))


def runtime_findings() -> list[Finding]:
    classes = []
    for module, path in our_sources().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.ClassDef) for node in tree.body):  # modules without classes are not imported
            classes += classes_of(importlib.import_module(module))
    return class_findings(classes)


def not_allowed(found: list[Finding]) -> tuple[list[Finding], list[tuple[str, str, str]]]:
    """The findings the allow-list does not cover, and the allow-list's entries that cover none."""
    allowed = {(module, name) for module, name, _ in ALLOWED}
    left = [finding for finding in found if (finding.module, finding.name) not in allowed]
    used = {(finding.module, finding.name) for finding in found}
    return left, [entry for entry in ALLOWED if (entry[0], entry[1]) not in used]


# -- the tests --------------------------------------------------------------------------------------------------------


def test_no_private_name_of_a_library_in_the_source():
    left, _ = not_allowed(static_findings())
    assert not left, "private names of libraries:\n" + "\n".join(map(str, sorted(left)))


def test_no_class_of_ours_uses_or_overrides_a_library_class_private_name():
    left, _ = not_allowed(runtime_findings())
    assert not left, "private names of library classes:\n" + "\n".join(map(str, left))


def test_every_allowed_exception_is_still_needed_and_says_why():
    _, unused = not_allowed(static_findings() + runtime_findings())
    assert not unused, f"allowed but no longer used: {unused}"
    assert all(reason.strip() for _, _, reason in ALLOWED)


# -- the checker itself, on planted violations ------------------------------------------------------------------------

PLANTED = '''
import textual._time
from textual.widgets._header import HeaderTitle
from textual import _time as clock
from rich.text import Text
import sys, rich.text


class Mine:
    _kept = None

    def _helper(self):
        self._count = 1
        return self._kept, self._count


def use(widget, table):
    widget._styles_cache.clear()          # a library's
    table._helper()                       # ours
    getattr(widget, "_compositor")        # a library's, by name
    sys.modules["msgspec._utils"] = None  # a library's private module, by name, put in sys.modules
    rich.text.divide_line = len           # a library's module patched
    return Text("a").__len__()
'''


def test_the_source_check_finds_what_was_planted():
    found = source_findings(PLANTED, "planted", defined_names(ast.parse(PLANTED)))
    assert sorted((finding.line, finding.name) for finding in found) == [
        (2, "textual._time"),
        (3, "textual.widgets._header"),
        (4, "textual._time"),
        (18, "_styles_cache"),
        (20, "_compositor"),
        (21, "msgspec._utils"),
        (21, "sys.modules"),
        (22, "divide_line"),
    ]


def test_the_source_check_passes_public_code():
    clean = "from rich.text import Text\nfrom .start import _helper\n\ndef f(x):\n    return Text(x).plain\n"
    assert source_findings(clean, "clean", set()) == []


class Planted(Static):
    """A class with a planted override and a planted attribute of Textual's (never built)."""

    def _on_mount(self, event):  # Widget's
        self._layout_required = True  # an attribute Widget sets on itself
        self._mine = 1  # ours alone

    def render(self):
        return self._mine


def test_the_class_check_finds_an_override_and_an_attribute_set_on_self():
    found = class_findings([Planted], ours=lambda module: module == __name__)
    names = {(finding.name, finding.what.split("'s")[0].split()[-1]) for finding in found}
    assert names == {("_on_mount", "textual.widget.Widget"), ("_layout_required", "textual.widget.Widget")}


def test_textual_and_rich_are_pinned_to_the_versions_the_suite_runs_on():
    """The app uses these releases' public API and its screens are checked on them: the package says so."""
    import tomllib
    from importlib.metadata import version

    with open(ROOT / "pyproject.toml", "rb") as fh:
        dependencies = tomllib.load(fh)["project"]["dependencies"]
    for library in ("textual", "rich"):
        assert f"{library}=={version(library)}" in dependencies, library
