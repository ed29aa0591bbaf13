"""Libraries imported with stand-ins (engine/_lean_import.py): what they leave out of a start, and that what they
leave out is still there, and the real module, when someone asks for it.

Source: issue 11 (``yibao check --format json`` ≤ 2× ``python -c "import rich"``): platform (for uuid, through
msgspec), gettext (for argparse) and msgspec's type inspection and JSON schemas were 3-5 ms each of a 100 ms check.
"""

from __future__ import annotations

import gettext
import json
import subprocess
import sys

import pytest

from engine.data import i18n
from engine._lean_import import deferred, import_with, stand_in
from tests.conftest import ROOT

LEFT_OUT = ("platform", "gettext", "msgspec.inspect", "msgspec._json_schema", "textwrap", "pickle",
            "typing_extensions")


def run_python(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return out.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="platform is stood in for on Linux only")
def test_a_check_imports_none_of_what_it_does_not_use():
    code = ("import sys, io, contextlib, tui.start, tui.cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    tui.cli.main(['check', 'profiles/xuzhou-flexible-man.toml', '--format', 'json'])\n"
            f"print(sorted(m for m in {LEFT_OUT!r} if m in sys.modules))")
    assert run_python(code).strip() == "[]"


def test_the_modules_left_out_are_the_real_ones_when_imported_later():
    code = ("import sys, engine, uuid, platform\n"
            "print(platform.__file__ is not None, platform.python_version() == '%d.%d.%d' % sys.version_info[:3],\n"
            "      uuid._LINUX == (platform.system() == 'Linux'), uuid.uuid4().version)")
    assert run_python(code).split() == ["True", "True", "True", "4"]


def test_msgspec_describes_types_as_it_would_have():
    """``msgspec.json.schema`` and ``msgspec.inspect`` work after the engine's import, with the same answers as in
    a program that imported msgspec as usual."""
    body = ("import msgspec, json\n"
            "class Period(msgspec.Struct):\n"
            "    start: str\n"
            "    months: int = 0\n"
            "info = msgspec.inspect.type_info(Period)\n"
            "import msgspec.inspect as mi\n"
            "print(json.dumps([msgspec.json.schema(Period), msgspec.json.schema_components([Period])[1],\n"
            "                  [f.name for f in info.fields], mi is msgspec.inspect]))")
    assert run_python("import engine\n" + body) == run_python(body)
    assert json.loads(run_python("import engine\n" + body))[-1] is True


def test_argparse_takes_its_words_untranslated_in_the_program():
    code = ("import sys, tui.start, argparse\n"
            "print('gettext' in sys.modules, argparse._('usage: '), argparse.ngettext('a', 'b', 2))")
    assert run_python(code).split() == ["False", "usage:", "b"]


def test_a_library_that_needs_more_than_a_stand_in_is_imported_as_usual(tmp_path, monkeypatch):
    (tmp_path / "lean_helper.py").write_text("first = 1\nsecond = 2\n")
    (tmp_path / "lean_library.py").write_text("from lean_helper import first, second\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lean_helper", raising=False)
    monkeypatch.delitem(sys.modules, "lean_library", raising=False)
    import_with("lean_library", {"lean_helper": stand_in("lean_helper", first=1)})
    assert sys.modules["lean_library"].second == 2
    assert sys.modules["lean_helper"].__file__ == str(tmp_path / "lean_helper.py")


def test_a_stand_in_is_taken_away_and_a_module_loaded_already_is_kept(tmp_path, monkeypatch):
    (tmp_path / "lean_library2.py").write_text("import json\nfrom lean_helper2 import first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    helper = stand_in("lean_helper2", first=1)
    import_with("lean_library2", {"lean_helper2": helper, "json": None})
    assert "lean_helper2" not in sys.modules
    assert sys.modules["lean_library2"].json is json  # loaded already: not stood in for
    monkeypatch.delitem(sys.modules, "lean_library2")


def test_a_deferred_module_calls_and_reads_the_real_one(tmp_path, monkeypatch):
    (tmp_path / "lean_real.py").write_text("def twice(x):\n    return 2 * x\nVALUE = 7\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lean_real", raising=False)
    module = deferred("lean_real", "twice")
    with pytest.raises(AttributeError):
        module.__path__  # what the import system asks does not import it
    assert "lean_real" not in sys.modules
    assert module.twice(4) == 8 and module.VALUE == 7
    assert sys.modules["lean_real"].VALUE == 7


@pytest.mark.parametrize("expression", ["0", "(n != 1)"])
def test_the_bundled_plural_rules_are_what_gettext_compiles(expression):
    rule, gettexts = i18n.plural_rule(expression), gettext.c2py(expression)
    assert [rule(n) for n in range(1001)] == [gettexts(n) for n in range(1001)]


def test_another_plural_rule_is_compiled_by_gettext():
    rule = i18n.plural_rule("(n%10==1 && n%100!=11 ? 0 : 1)")
    assert [rule(n) for n in (1, 11, 21, 2)] == [0, 1, 0, 1]
