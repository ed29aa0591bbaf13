"""The profile folders: the user's own profiles and the bundled, read-only examples.

The user's folder is ``--profiles-dir``, else the ``YIBAO_PROFILES`` environment variable, else
``platformdirs.user_data_path("yibao") / "profiles"``; it is created (mode 0700) on the first save. The bundled
examples are the project's top-level ``profiles/`` folder: they are never written; saving one writes a copy into
the user's folder.

Every function either does all it says or raises :class:`StoreError` (or the engine's ``ProfileError``) and leaves
the files on disk as they were. Every file is written by the one writer (``engine.atomic.write_atomic``): a rename
keeps the promises of a save (a change another program saved meanwhile is a conflict, the old file becomes the new
one's .bak), and an export is always a new file, never written over one or through a link.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import msgspec
from msgspec import Struct

from engine import Month, Person, Profile, ProfileError, dump_profile, load_profile, parse_profile, save_profile
from engine.words import Msg, safe_text
from engine import FileChanged, file_stamp, make_private_dirs, os_error_words, rename_profile, write_atomic
from engine import NAME_MAX, FileStamp, load_profile_stamped, save_profile_stamped

from . import BUNDLED_DIR
from .i18n import t

ENV_VAR = "YIBAO_PROFILES"
SUFFIX = ".toml"
SLUG_MAX = 60


class StoreError(Exception):
    """A refused or failed folder operation; ``text(lang)`` is the message for the user."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def text(self, lang: str = "zh") -> str:
        values = {k: safe_text(v.text(lang) if isinstance(v, Msg) else str(v))  # a reason in words; names escaped
                  for k, v in self.values.items()}
        return t(self.key, lang).format(**values)

    def __str__(self) -> str:
        return self.text("zh")


class Entry(Struct, frozen=True):
    """One profile file as the list shows it: its name, or the reason it cannot be read."""

    path: Path
    name: str | None
    error: ProfileError | None
    modified: float
    bundled: bool

    def title(self, lang: str = "zh") -> str:
        return self.name if self.name is not None else self.error.text(lang) if self.error else self.path.stem


def default_user_dir(profiles_dir: str | os.PathLike | None = None) -> Path:
    """The user's profile folder (not created here)."""
    if profiles_dir:
        return Path(profiles_dir).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from engine import user_data_path

    return user_data_path("yibao") / "profiles"


def slug(name: str) -> str:
    """A file name stem from a profile name: letters and digits of any script (Chinese kept), '-' for the rest."""
    out = []
    for char in unicodedata.normalize("NFC", name):
        if char.isalnum() or char in "_-":
            out.append(char.lower() if char.isascii() else char)
        else:
            out.append("-")
    text = re.sub(r"-{2,}", "-", "".join(out)).strip("-_")
    return text[:SLUG_MAX].rstrip("-_") or "profile"


def suffixed_name(name: str, suffix: str) -> str:
    """``name + suffix`` cut to fit the 40 characters a name may have."""
    room = NAME_MAX - len(suffix)
    return name.strip()[:room].rstrip() + suffix


class Store:
    """The user's folder and the bundled examples."""

    def __init__(self, user_dir: str | os.PathLike | None = None, bundled_dir: str | os.PathLike | None = None):
        self.user_dir = default_user_dir(user_dir)
        self.bundled_dir = Path(bundled_dir) if bundled_dir is not None else BUNDLED_DIR

    # -- where things are -------------------------------------------------------------------------------------

    def is_bundled(self, path: str | os.PathLike | None) -> bool:
        if path is None:
            return False
        try:
            return Path(path).resolve().parent == self.bundled_dir.resolve()
        except OSError:
            return False

    def unique_path(self, name: str, keep: Path | None = None) -> Path:
        """A free file path in the user's folder for ``name`` (``keep`` counts as free: it is the file itself)."""
        stem = slug(name)
        for number in range(1, 10_000):
            candidate = self.user_dir / (f"{stem}{SUFFIX}" if number == 1 else f"{stem}-{number}{SUFFIX}")
            if keep is not None and _same(candidate, keep):
                return candidate
            if not os.path.lexists(candidate) and not os.path.lexists(candidate.with_name(candidate.name + ".bak")):
                return candidate  # free: no file, no link (a link would lead the save elsewhere)
        raise StoreError("store.no_free_name", name=name)

    def export_path(self, profile_path: Path | None, name: str, suffix: str) -> Path:
        """Where an export of this profile goes: next to a user profile, in the user's folder for an example."""
        if profile_path is not None and not self.is_bundled(profile_path):
            return profile_path.with_suffix(suffix)
        return self.user_dir / (slug(name) + suffix)

    # -- listing ----------------------------------------------------------------------------------------------

    def entries(self) -> list[Entry]:
        """The user's profiles (by name), then the bundled examples (by name)."""
        user = self._scan(self.user_dir, bundled=False)
        bundled = self._scan(self.bundled_dir, bundled=True) if not _same(self.user_dir, self.bundled_dir) else []
        return user + bundled

    def has_own(self) -> bool:
        """Whether the user's folder holds a profile file (readable or not): the user has begun their own."""
        if _same(self.user_dir, self.bundled_dir):
            return False
        try:
            return any(p.suffix == SUFFIX for p in self.user_dir.iterdir())
        except OSError:
            return False

    def _scan(self, folder: Path, bundled: bool) -> list[Entry]:
        try:
            paths = sorted(p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file())
        except OSError:
            return []
        out = []
        for path in paths:
            try:
                modified = path.stat().st_mtime
            except OSError:
                continue
            try:
                name, error = load_profile(path).name, None
            except ProfileError as err:
                name, error = None, err
            out.append(Entry(path=path, name=name, error=error, modified=modified, bundled=bundled))
        out.sort(key=lambda e: (e.name is None, (e.name or e.path.name).casefold(), e.path.name))
        return out

    # -- changing ---------------------------------------------------------------------------------------------

    @staticmethod
    def new_profile(lang: str = "zh") -> Profile:
        """A minimal valid profile: a default name, a man born 1980-01 in the national region, no periods."""
        person = Person(sex="male", birth=Month.of(1980, 1), region="national")
        return Profile(name=t("store.new_name", lang), person=person)

    def create(self, lang: str = "zh") -> Path:
        """Write a new minimal profile into the user's folder; return its path."""
        profile = self.new_profile(lang)
        return self.save(profile, None)

    def save(self, profile: Profile, path: str | os.PathLike | None) -> Path:
        """Save atomically (engine.save_profile). A bundled example, or no path, goes to a new file in the user's
        folder; the path written is returned."""
        return self.save_stamped(profile, path)[0]

    def save_stamped(self, profile: Profile, path: str | os.PathLike | None,
                     expect: FileStamp | None = None) -> tuple[Path, FileStamp]:
        """Like :meth:`save`, and only if the file still holds what ``expect`` saw (else ProfileConflict); returns
        the path and the stamp of what was written, for the next save."""
        if path is None or self.is_bundled(path):
            target, expect = self.unique_path(profile.name), FileStamp(0, 0, None)  # a new file: none there yet
        else:
            target = Path(path)
        self._ensure_user_dir(target)
        return save_profile_stamped(profile, target, expect=expect)

    def save_renamed(self, profile: Profile, source: str | os.PathLike, target: str | os.PathLike,
                     expect: FileStamp | None = None) -> tuple[Path, FileStamp]:
        """Save the profile under a new file name and move the old file to the new one's .bak, only while the old
        file still holds what ``expect`` saw (else ProfileConflict, and both files stay as they were)."""
        target = Path(target)
        self._ensure_user_dir(target)
        return rename_profile(profile, source, target, expect=expect if expect is not None else file_stamp(source))

    def write_new(self, target: str | os.PathLike, data: bytes) -> Path:
        """Write ``data`` as a new file: ``target``, or the next free name beside it (``NAME-2.md``) when anything
        is at that name, a link included; never over a file, never through a link (0600). Returns the path."""
        target = Path(target)
        base, dot, rest = target.name.partition(".")
        for number in range(1, 10_000):
            candidate = target if number == 1 else target.with_name(f"{base}-{number}{dot}{rest}")
            if os.path.lexists(candidate):
                continue
            try:
                write_atomic(candidate, data, backup=False, exclusive=True)
            except FileChanged:  # taken meanwhile: the next name
                continue
            return candidate
        raise StoreError("store.no_free_name", name=target.name)
    @staticmethod
    def load(path: str | os.PathLike) -> tuple[Profile, FileStamp]:
        """The profile at ``path`` and the stamp of the bytes read (for a later :meth:`save_stamped`)."""
        return load_profile_stamped(path)

    def duplicate(self, path: str | os.PathLike, lang: str = "zh") -> Path:
        """Copy a profile into the user's folder under a new file and the name + " 副本" / " copy"."""
        profile = load_profile(path)
        copy = msgspec.structs.replace(profile, name=suffixed_name(profile.name, t("store.copy_suffix", lang)))
        _check(copy)
        return self.save(copy, None)

    def rename(self, path: str | os.PathLike, new_name: str) -> Path:
        """Change a user profile's name and its file name; refuses a name whose file is taken by another profile.

        A save like any other: written by the one writer, and only while the file still holds what was read (a
        change another program saved meanwhile is a ProfileConflict, nothing lost). The file before the rename
        becomes the new file's .bak; its own .bak stays where it is."""
        source = Path(path)
        if self.is_bundled(source):
            raise StoreError("store.bundled_readonly", file=source.name)
        profile, stamp = load_profile_stamped(source)
        renamed = msgspec.structs.replace(profile, name=new_name.strip())
        _check(renamed)
        target = source.with_name(slug(renamed.name) + SUFFIX)
        if _same(target, source):
            save_profile_stamped(renamed, source, expect=stamp)
            return source
        if os.path.lexists(target) or os.path.lexists(target.with_name(target.name + ".bak")):
            raise StoreError("store.exists", file=target.name)
        return rename_profile(renamed, source, target, expect=stamp)[0]

    def named_path(self, path: Path, old_name: str, new_name: str) -> Path:
        """Where a user profile saved under a new name goes: a file named after its old name (``新档案.toml``,
        ``新档案-2.toml``) follows the new name when that file is free; any other file keeps its own name."""
        if self.is_bundled(path) or slug(old_name) == slug(new_name) or path.parent != self.user_dir:
            return path
        stem = slug(old_name)
        if not re.fullmatch(re.escape(stem) + r"(-\d+)?", path.stem):
            return path
        return self.unique_path(new_name, keep=path)

    def delete(self, path: str | os.PathLike) -> None:
        """Remove a user profile (and its .bak); a bundled example cannot be deleted."""
        source = Path(path)
        if self.is_bundled(source):
            raise StoreError("store.bundled_undeletable", file=source.name)
        try:
            source.unlink()
        except FileNotFoundError:
            raise StoreError("store.missing", file=source.name) from None
        except OSError as err:
            raise StoreError("store.os_error", file=source.name, reason=os_error_words(err)) from None
        _unlink_quietly(source.with_name(source.name + ".bak"))

    def _ensure_user_dir(self, target: Path) -> None:
        if target.parent != self.user_dir:
            return
        try:
            make_private_dirs(self.user_dir)
        except OSError as err:
            raise StoreError("store.os_error", file=str(self.user_dir), reason=os_error_words(err)) from None


def _check(profile: Profile) -> None:
    """Raise ProfileError if the profile would not read back (e.g. a name too long or empty)."""
    parse_profile(dump_profile(profile))


def _same(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
