"""医保参谋 (yibao): the command line and the terminal app over the engine."""

from pathlib import Path

BUNDLED_DIR = Path(__file__).resolve().parent.parent / "profiles"  # the worked examples shipped with the program
