"""The worked examples shipped with the program: one profile each (TOML), listed read-only in the app's profile
list. A package of data, so that the examples are installed with the program."""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent
