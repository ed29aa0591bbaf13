"""The README opens with the two commands a person copies: one installs and opens the app, one installs and runs the
tests; CI runs the second as .ci/readme_command.py reads it. Its links point at files of the repository."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```[\w-]*[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
TEST_COMMAND = ("python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' "
                "&& python -m pytest -q")


def test_the_readme_opens_with_exactly_two_commands_that_paste_as_they_are():
    title, rest = README.split("\n", 1)
    assert title.startswith("# ")
    blocks = list(FENCE.finditer(rest))
    assert rest[: blocks[0].start()].strip() == ""  # nothing between the title and the first command
    assert rest[blocks[0].end(): blocks[1].start()].strip() == ""
    opening = [b.group(1) for b in blocks[:2]]
    assert [block.splitlines()[0] for block in opening] == ["# run", "# test"]
    for block in opening:
        commands = [line for line in block.splitlines() if line.strip() and not line.startswith("#")]
        assert len(commands) == 1 and not commands[0].startswith("$"), block
    run, test = (block.splitlines()[1] for block in opening)
    assert run.endswith("&& yibao")  # the profile list, where a person starts their own profile
    assert test == TEST_COMMAND


def test_ci_runs_the_readmes_test_command():
    done = subprocess.run([sys.executable, str(ROOT / ".ci" / "readme_command.py"), "test"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == TEST_COMMAND + "\n"
    assert "readme_command.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readmes_links_are_files_of_the_repository():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    assert "docs/contract.md" in links
    for link in links:
        assert not re.match(r"[a-z]+:", link) or link.startswith("https://"), link
        if not link.startswith("https://"):
            assert (ROOT / link).is_file(), link
