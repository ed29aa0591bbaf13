"""The help fits the terminal by display width: argparse wraps by characters, and a Chinese character takes two
cells, so the Chinese ``--help`` of every command is fitted again by cells; at 80 columns no line is wider."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.test_cli_behaves import LANGS, widest, yibao
from tui.cli import COMMAND_HELP, fit_help
from tui.linebreak import NO_LINE_START

COMMANDS = ((), ("check",), ("compare",), ("regions",), ("regions", "add"), ("serve",))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "yibao")
@pytest.mark.parametrize("lang", LANGS)
def test_every_help_fits_80_columns(lang, command):
    out = yibao(*command, "--help", "--lang", lang, columns=80)
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) > 5
    assert widest(out.stdout) <= 80, [line for line in out.stdout.splitlines() if cell_len(line) > 80]


@pytest.mark.parametrize("lang", LANGS)
def test_the_command_list_keeps_one_line_per_command_at_80_columns(lang):
    out = yibao("--help", "--lang", lang, columns=80).stdout.splitlines()
    for usage, _ in COMMAND_HELP:
        line = next(line for line in out if line.strip().startswith(usage + "  "))
        after = out[out.index(line) + 1:][:1] or [""]
        assert not after[0].startswith(" " * (len(usage) + 4)), (usage, after[0])  # not continued


def test_a_long_chinese_help_line_is_wrapped_by_cells_under_its_column():
    head = "  --profiles-dir DIR   "
    line = head + "您自己的档案所在的文件夹（默认：用户数据文件夹；环境变量 YIBAO_PROFILES），每一行都按显示宽度折行，不以标点开头。"
    lines = fit_help(line, 60).split("\n")
    assert len(lines) > 2 and all(cell_len(x) <= 60 for x in lines)
    assert lines[0].startswith(head) and all(x.startswith(" " * len(head)) for x in lines[1:])
    assert all(x.strip()[0] not in NO_LINE_START for x in lines[1:])
    assert "".join(x.strip() for x in lines).replace(" ", "") == line.strip().replace(" ", "")


def test_a_line_that_fits_is_left_as_it_is():
    text = "usage: yibao [-h]\n\n  path    打开这份档案"
    assert fit_help(text, 80) == text
