"""``import engine`` in a fresh interpreter: the engine and its libraries as they are, nothing stood in for, no
terminal app; a missing library is named by Python's own error; a command ends as a program ends.
"""

from __future__ import annotations

import ast
import gettext
import subprocess
import sys

import pytest

from engine.data import i18n
from tests.conftest import ROOT

#: modules that the standard library itself puts in sys.modules without a spec (typing's old aliases)
SPECLESS = {"__main__", "typing.io", "typing.re"}


def run_python(code: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=check)


def test_import_engine_loads_no_terminal_and_no_stand_in():
    code = ("import sys, engine, engine.words\n"
            "print(engine.__file__)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')))\n"
            f"print(sorted(m for m, mod in sys.modules.items() if m not in {SPECLESS!r}\n"
            "            and (mod is None or getattr(mod, '__spec__', None) is None)))\n")
    where, terminal, stand_ins = run_python(code).stdout.splitlines()
    assert where == str(ROOT / "engine" / "__init__.py")
    assert terminal == "[]" and stand_ins == "[]"


@pytest.mark.parametrize("folder", ["engine", "tui"])
def test_no_module_is_put_into_sys_modules(folder):
    """Nothing of ours writes ``sys.modules`` (a module stood in for a library's import, or taken away)."""
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            target = None
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
                target = next((t for t in targets if isinstance(t, ast.Subscript)), None)
                target = target.value if target is not None else None
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "update", "setdefault", "pop", "__setitem__", "__delitem__"):
                target = node.func.value
            if target is not None and ast.unparse(target) == "sys.modules":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_a_missing_msgspec_is_named_by_pythons_own_error():
    """Where msgspec is not installed, ``import engine`` fails with ModuleNotFoundError naming it (a finder that
    refuses msgspec stands for a Python without it)."""
    code = ("import sys\n"
            "class NoMsgspec:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'msgspec':\n"
            "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
            "sys.meta_path.insert(0, NoMsgspec())\n"
            "try:\n"
            "    import engine\n"
            "except ImportError as err:\n"
            "    print(type(err).__name__, err.name)\n")
    assert run_python(code).stdout.split() == ["ModuleNotFoundError", "msgspec"]


def test_a_command_ends_as_a_program_ends():
    """``yibao check`` returns its exit code through SystemExit: the interpreter's exit runs (atexit handlers
    included), after the output."""
    code = ("import atexit, sys, tui.start\n"
            "atexit.register(lambda: print('atexit ran'))\n"
            "sys.argv = ['yibao', 'check', 'profiles/xuzhou-flexible-man.toml', '--format', 'json',"
            " '--as-of', '2026-11-22']\n"
            "tui.start.run()\n")
    out = run_python(code, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.rstrip().endswith("}\natexit ran")


def test_a_failing_command_ends_with_its_code():
    code = ("import atexit, sys, tui.start\n"
            "atexit.register(lambda: print('atexit ran'))\n"
            "sys.argv = ['yibao', 'check', 'no-such-profile.toml']\n"
            "tui.start.run()\n")
    out = run_python(code, check=False)
    assert out.returncode == 2 and out.stdout == "atexit ran\n" and "no-such-profile.toml" in out.stderr


@pytest.mark.parametrize("expression", ["0", "(n != 1)"])
def test_the_bundled_plural_rules_are_what_gettext_compiles(expression):
    rule, gettexts = i18n.plural_rule(expression), gettext.c2py(expression)
    assert [rule(n) for n in range(1001)] == [gettexts(n) for n in range(1001)]


def test_another_plural_rule_is_compiled_by_gettext():
    rule = i18n.plural_rule("(n%10==1 && n%100!=11 ? 0 : 1)")
    assert [rule(n) for n in (1, 11, 21, 2)] == [0, 1, 0, 1]
