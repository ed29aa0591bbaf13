"""The user's data and cache folders, as platformdirs names them, without importing it where the answer is plain.

Importing platformdirs is a share of ``yibao check`` (it imports tempfile, and with it shutil, bz2, lzma and
random). On Linux, with an absolute ``$HOME`` and the XDG variable either unset or an absolute path
(what platformdirs 4 reads: "from ``$XDG_DATA_HOME`` if set, else ``~/.local/share``"), the folder is written
here the same way; anywhere else (Android, macOS, Windows, an odd environment) platformdirs is asked.
``tests/test_userdirs.py`` holds the two to the same answer.
"""

from __future__ import annotations

import os
import posixpath
import sys
from pathlib import Path

_XDG = {"data": ("XDG_DATA_HOME", ".local/share"), "cache": ("XDG_CACHE_HOME", ".cache")}


def _plain_linux_folder(kind: str, app: str) -> str | None:
    """The folder on a plain Linux, or None where platformdirs has to decide."""
    if sys.platform != "linux" or os.environ.get("ANDROID_DATA") or os.environ.get("ANDROID_ROOT"):
        return None
    var, default = _XDG[kind]
    home = os.environ.get("HOME", "")
    if not posixpath.isabs(home):
        return None
    xdg = os.environ.get(var, "")
    if xdg and not posixpath.isabs(xdg):
        return None  # platformdirs versions differ on a relative value: theirs is the answer
    return posixpath.join(xdg or posixpath.join(home, default), app)


def _user_path(kind: str, app: str) -> Path:
    """``platformdirs.user_<kind>_path(app)``."""
    plain = _plain_linux_folder(kind, app)
    if plain is not None:
        return Path(plain)
    import platformdirs  # imported only when used: where the folder is not plain to name

    return getattr(platformdirs, f"user_{kind}_path")(app)


def user_data_path(app: str) -> Path:
    return _user_path("data", app)


def user_cache_path(app: str) -> Path:
    return _user_path("cache", app)
