"""The app's styles kept parsed between runs, as Python keeps bytecode.

Textual parses the app's stylesheet and each widget's DEFAULT_CSS as the app starts and as a widget class is
first mounted: about a tenth of the time to the first frame and to every pane drawn. The rules it parsed are kept
in a file of the user's cache folder (``$YIBAO_CACHE``, else ``platformdirs.user_cache_path("yibao")``,
``css-rules.pickle``, readable by its owner only) and given back to Textual's own parse cache on the next start;
a file that is not the user's own, or that others may write, is not read.

A kept rule set is used only for the same CSS text from the same place, with the same theme variables and the
same installed Textual (its folder and its parser files' sizes and times; all part of its key or the file's
header); anything else is parsed as before and the file is written again. A missing, damaged or foreign file
means parsing, never an error. Apps under test (headless) neither read nor write it, unless their
``keep_styles`` is True.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from engine import write_atomic

ENV_VAR = "YIBAO_CACHE"
FILE_NAME = "css-rules.pickle"
FORMAT = 2  # 2: the theme's variables kept as they are, not as a digest


def cache_folder() -> Path:
    folder = os.environ.get(ENV_VAR)
    if folder:
        return Path(folder)
    from engine import user_cache_path

    return user_cache_path("yibao")


def _textual_build() -> tuple:
    """Which Textual is installed: where, and the size and time of its parser's files (``textual.__version__``
    reads the package's metadata through importlib.metadata, a share of the start-up)."""
    import textual

    folder = Path(textual.__file__).parent
    stamps = []
    for name in ("__init__.py", "css/parse.py", "css/styles.py", "css/tokenize.py", "css/model.py"):
        try:
            stat = (folder / name).stat()
        except OSError:
            stat = None
        stamps.append((name, stat.st_size, stat.st_mtime_ns) if stat else (name, None, None))
    return (str(folder), tuple(stamps))


def _header(stylesheet) -> tuple:
    variables = tuple(sorted(stylesheet._variables.items()))  # compared as they are (a digest imported hashlib)
    return (FORMAT, _textual_build(), variables)


class KeptRules:
    """Textual's parse cache (``Stylesheet._parse_cache``), which also answers from the rules kept last run."""

    def __init__(self, app, parsed) -> None:
        self._app = app
        self._parsed = parsed  # Textual's own LRU cache: what this run parsed or took from the file
        self._kept: dict | None = None  # the file's rules, read at the first miss
        self._header: tuple | None = None  # the installed Textual and the theme's variables at the first miss
        self.taken = 0  # rule sets taken from the file
        self.parsed = 0  # rule sets parsed in this run

    def _kept_rules(self) -> dict:
        if self._kept is None:
            self._kept = {}
            self._header = _header(self._app.stylesheet)
            if _enabled(self._app):
                self._kept = read(self._header)
        return self._kept

    def __getitem__(self, key):
        try:
            return self._parsed[key]
        except KeyError:
            rules = self._kept_rules().get(key)
            if rules is None:
                raise
            self.taken += 1
            self._parsed[key] = rules
            return rules

    def __setitem__(self, key, rules) -> None:
        self._kept_rules()
        self.parsed += 1
        self._parsed[key] = rules

    def clear(self) -> None:
        """New theme variables (``Stylesheet.set_variables``): what was parsed or kept for the old ones is
        forgotten, and the file is read again for the new ones at the next miss."""
        self._parsed.clear()
        self._kept, self._header, self.parsed = None, None, 0

    def __len__(self) -> int:
        return len(self._parsed)

    def entries(self) -> dict:
        return {key: self._parsed[key] for key in self._parsed.keys()}


def _enabled(app) -> bool:
    wanted = getattr(app, "keep_styles", None)
    return not app.is_headless if wanted is None else bool(wanted)


def install(app) -> None:
    """Make ``app``'s stylesheet answer from the rules kept last run (call before the app runs)."""
    stylesheet = app.stylesheet
    if not isinstance(stylesheet._parse_cache, KeptRules):
        stylesheet._parse_cache = KeptRules(app, stylesheet._parse_cache)


def read(expected: tuple) -> dict:
    """The kept rules, if the file was written for ``expected`` (format, Textual version, variables)."""
    path = cache_folder() / FILE_NAME
    try:
        if not _own_file(path):
            return {}  # unpickled only if no one else could have written it
        header, rules = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, damaged or written by another version: parse instead
        return {}
    if header != expected or not isinstance(rules, dict):
        return {}
    return rules


def _own_file(path: Path) -> bool:
    """A file of this user's that neither its group nor others may write (as ssh asks of its keys)."""
    info = path.stat()
    owner = getattr(os, "getuid", None)
    return (owner is None or info.st_uid == owner()) and not info.st_mode & 0o022


def keep(app) -> bool:
    """Write the rules parsed in this run to the cache file, if any were new (atomically, owner-only)."""
    cache = app.stylesheet._parse_cache
    if not isinstance(cache, KeptRules) or not _enabled(app) or not cache.parsed \
            or _header(app.stylesheet) != cache._header:  # variables changed without set_variables: not kept
        return False
    rules: dict[Any, Any] = dict(cache._kept_rules())
    rules.update(cache.entries())
    folder = cache_folder()
    try:
        data = pickle.dumps((cache._header, rules), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(folder / FILE_NAME, data, backup=False)  # a cache keeps no .bak
    except Exception:  # noqa: BLE001 - a cache: the app works as well without it
        return False
    cache.parsed = 0
    return True
