"""A command of the README's opening: ``python3 .ci/readme_command.py test`` prints the test command.

The README opens with two fenced blocks before its first section, each a comment line naming it (``# run``,
``# test``) and one command that copies and pastes as it is. Anything else is an error (exit 1), said on standard
error: CI must not run a command it guessed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
FENCE = re.compile(r"^```[\w-]*[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def opening_blocks(text: str) -> list[str]:
    """The fenced blocks before the README's first section (its first ``## `` heading)."""
    head = re.split(r"^## ", text, maxsplit=1, flags=re.M)[0]
    return [m.group(1) for m in FENCE.finditer(head)]


def command(name: str, text: str) -> str:
    """The one command of the opening block whose first line is ``# NAME``."""
    for block in opening_blocks(text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and lines[0] == f"# {name}":
            commands = [line for line in lines[1:] if not line.startswith("#")]
            if len(commands) != 1:
                raise ValueError(f"the '# {name}' block of README.md holds {len(commands)} commands, not one")
            return commands[0].removeprefix("$ ")
    raise ValueError(f"README.md opens with no block named '# {name}'")


def main(argv: list[str]) -> int:
    name = argv[1] if len(argv) > 1 else "test"
    try:
        print(command(name, README.read_text(encoding="utf-8")))
    except (OSError, ValueError) as err:
        print(f"{Path(argv[0]).name}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
