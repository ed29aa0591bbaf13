"""Profile files on disk: read one, write one as TOML, and save atomically.

A save takes an exclusive lock on the profile (filelock), checks the file still holds what the caller read
(``expect``, a :class:`FileStamp`; else :class:`ProfileConflict`), writes a 0600 temporary file beside the real file
(a symlink is followed, so the link stays a link), syncs it, reads it back and checks it equals the profile, gives
the old file a second name, moves the new file into place, and only then makes that second name ``NAME.bak``. A
failed save raises :class:`ProfileError` and leaves the file and its .bak as they were. Temporary files are named
``.NAME.*.yibao-tmp``: the next load or save of that profile removes any an interrupted save left. A file that
holds comments keeps them (tomlkit, imported only then).

The engine's ``load_profile`` and ``save_profile`` are these with the one rule the profile layer cannot check
(:mod:`engine.rules.profiles`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgspec import Struct

from ..core.months import Month
from ..data.i18n import msg
from ..data.os_errors import os_error_words
from .errors import ProfileError
from .model import Profile
from .parse import parse_profile


def _parse(data: bytes, source: str) -> Profile:
    return parse_profile(data, source=source)


def load_profile(path: str | os.PathLike) -> Profile:
    """Read and check the profile file at ``path``; never changes it (stale temporary files of an interrupted save
    beside it are removed)."""
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise ProfileError(msg("profile.file", "read_failed", path=source, reason=os_error_words(err)),
                           source=None) from None
    remove_stale_temps(path)
    return _parse(data, source)


def _drop_none(items: dict) -> dict:
    return {k: v for k, v in items.items() if v is not None}


def _month_text(month: Month | None) -> str | None:
    return None if month is None else str(month)


def _whole(value):
    """A number as the user would write it: 4500.0 is written 4500 (issue 12: whole numbers stay whole)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def dump_profile(profile: Profile) -> str:
    """The profile as TOML text, in the CONTRACT's order, leaving out fields that are None."""
    import tomli_w  # imported only when used: a profile is written

    tables = profile_tables(profile)
    periods = tables.pop("periods", [])
    # Each period as its own [[periods]] table (tomli_w would write short ones inline).
    return "".join([tomli_w.dumps(tables)] + ["\n[[periods]]\n" + tomli_w.dumps(fields) for fields in periods])


def profile_tables(profile: Profile) -> dict[str, Any]:
    """The profile as the TOML tables :func:`dump_profile` writes (what reading its text gives back), without
    writing them out: the profile pane lays its fields over these."""
    person = profile.person
    doc: dict[str, Any] = {
        "schema": profile.schema,
        "name": profile.name,
        **({"note": profile.note} if profile.note is not None else {}),
        "person": _drop_none(
            {
                "sex": person.sex,
                "birth": _month_text(person.birth),
                "original_retirement_age": person.original_retirement_age,
                "region": person.region,
                "retirement_shift_months": person.retirement_shift_months,
            }
        ),
    }
    if profile.account is not None:
        doc["account"] = _drop_none(
            {"balance_yuan": _whole(profile.account.balance_yuan), "as_of": _month_text(profile.account.as_of)}
        )
    if profile.plans is not None:
        plans = profile.plans
        doc["plans"] = _drop_none(
            {
                "backpay_at_retirement": plans.backpay_at_retirement,
                "emigrate": _month_text(plans.emigrate),
                "relocate_after_retirement": plans.relocate_after_retirement,
            }
        )
    if profile.policy_overrides:
        doc["policy_overrides"] = {k: _whole(v) for k, v in profile.policy_overrides}
    periods = [
        _drop_none(
            {
                "insurance": period.insurance,
                "start": _month_text(period.start),
                "end": _month_text(period.end),
                "region": period.region,
                "status": period.status,
                "mode": period.mode,
                "kind": period.kind,
                "paid_on": _month_text(period.paid_on),
                "base_yuan": _whole(period.base_yuan),
                "note": period.note,
            }
        )
        for period in profile.periods
    ]
    if periods:
        doc["periods"] = periods
    return doc


# --------------------------------------------------------------------------------------------------------------
# Stamps: what a file held when it was read, to notice another program's change before overwriting it


class FileStamp(Struct, frozen=True):
    """A file as it was read: modification time (ns), size and its bytes; ``content`` None = absent.

    The bytes themselves are kept (a profile is a few kilobytes) and compared whole: exact, where a digest would
    be nearly so, and without importing hashlib (OpenSSL's library) for it."""

    mtime_ns: int
    size: int
    content: bytes | None

    @property
    def exists(self) -> bool:
        return self.content is not None

    def same_content(self, other: "FileStamp | None") -> bool:
        return other is not None and self.content == other.content


def _stamp_of(data: bytes | None, st: os.stat_result | None) -> FileStamp:
    if data is None or st is None:
        return FileStamp(0, 0, None)
    return FileStamp(st.st_mtime_ns, st.st_size, data)


def file_stamp(path: str | os.PathLike) -> FileStamp:
    """The stamp of the file at ``path`` (through symlinks) now; an absent file has ``exists`` false."""
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read()
    except FileNotFoundError:
        return FileStamp(0, 0, None)
    return _stamp_of(data, st)


class ProfileConflict(ProfileError):
    """The file changed on disk since it was read (another program or another window saved it)."""


# --------------------------------------------------------------------------------------------------------------
# Permissions: a personal profile is for its owner's eyes only


def permission_warning(path: str | os.PathLike):
    """A message (Msg) when the file can be read by others than its owner, with the fix; else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if mode & 0o077 == 0:
        return None
    return msg("profile.file", "readable_by_others", path=os.fspath(path), mode=f"{mode & 0o777:o}")


# --------------------------------------------------------------------------------------------------------------
# Saving: a temporary file beside the real one, checked, moved into place under a lock; the .bak only moves forward

_TEMP_TAG = ".yibao-tmp"  # every temporary file of a save ends so; ".NAME." starts it: a later save removes it


def make_private_dirs(folder: str | os.PathLike) -> None:
    """Create ``folder`` and any missing parents, each 0700 (only the owner may look inside)."""
    folder = Path(folder)
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        os.chmod(path, 0o700)  # mkdir's mode is cut by the umask


def _real(path: Path) -> Path:
    """The file a save must replace: the target of a symlink (followed to the end), else the path itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _temp_prefix(real: Path) -> str:
    return f".{real.name}."


def _lock_path(real: Path) -> Path:
    return real.with_name(f".{real.name}.lock")


def _lock(real: Path):
    """An exclusive lock (filelock) on this profile for the check-and-replace: a hidden, empty 0600 file.

    The holder unlinks the file just before releasing it, so none is left behind; filelock (4.x) notices when the
    file it locked was unlinked meanwhile (st_nlink 0) and tries again on the new one, so this stays exclusive.
    """
    from filelock import FileLock  # imported only when used: a profile is saved

    return FileLock(str(_lock_path(real)), mode=0o600, timeout=10)


def remove_stale_temps(path: str | os.PathLike) -> int:
    """Remove the temporary files an interrupted save of this profile left (only while no save is running)."""
    real = _real(Path(path))
    folder = real.parent
    prefix = _temp_prefix(real)
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(_TEMP_TAG)]
    except OSError:
        return 0
    if not names:
        return 0
    from filelock import FileLock, Timeout  # imported only when used: temporary files were left

    removed = 0
    try:
        with FileLock(str(_lock_path(real)), mode=0o600, timeout=0):
            for name in names:
                try:
                    os.unlink(folder / name)
                    removed += 1
                except OSError:
                    pass
            _remove_quietly(os.fspath(_lock_path(real)))
    except (Timeout, OSError):  # a save is running now (its temp file is not stale), or the folder is read-only
        return removed
    return removed


def _remove_temps_locked(real: Path) -> None:
    prefix = _temp_prefix(real)
    try:
        names = [n for n in os.listdir(real.parent) if n.startswith(prefix) and n.endswith(_TEMP_TAG)]
    except OSError:
        return
    for name in names:
        _remove_quietly(os.fspath(real.parent / name))


def _remove_quietly(path: str | None) -> None:
    if path is None:
        return
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some platforms refuse to fsync a directory
    finally:
        os.close(fd)


def _write_temp(real: Path, data: bytes) -> str:
    """Write ``data`` to a new 0600 temporary file beside ``real``, flushed and synced; return its path."""
    import tempfile  # imported only when used: a profile is saved

    fd, temp = tempfile.mkstemp(dir=real.parent, prefix=_temp_prefix(real), suffix=_TEMP_TAG)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _keep_old(real: Path) -> str | None:
    """A second name for the current file (a hard link, else a copy), to become NAME.bak once the new file is in."""
    import tempfile  # imported only when used: a profile is saved

    if not real.exists():
        return None
    fd, aside = tempfile.mkstemp(dir=real.parent, prefix=_temp_prefix(real) + "bak.", suffix=_TEMP_TAG)
    os.close(fd)
    os.unlink(aside)
    try:
        os.link(real, aside)
    except OSError:  # no hard links here (some file systems): a copy, synced
        import shutil  # imported only when used: a file system without hard links

        try:
            shutil.copyfile(real, aside)
            os.chmod(aside, 0o600)
            with open(aside, "rb") as f:
                os.fsync(f.fileno())
        except BaseException:
            _remove_quietly(aside)
            raise
    return aside


def _reason(err: OSError):
    return os_error_words(err)


def _stamp_now(real: Path) -> FileStamp:
    try:
        return file_stamp(real)
    except OSError:
        return FileStamp(0, 0, None)


def save_profile(profile: Profile, path: str | os.PathLike, *, expect: FileStamp | None = None) -> Path:
    """Write the profile atomically (see :func:`save_profile_stamped`); return the path written."""
    return save_profile_stamped(profile, path, expect=expect)[0]


def save_profile_stamped(profile: Profile, path: str | os.PathLike, *,
                         expect: FileStamp | None = None) -> tuple[Path, FileStamp]:
    """Write the profile atomically; with ``expect``, only if the file still holds what that stamp saw.

    Under an exclusive lock: check the stamp (else :class:`ProfileConflict`), write a 0600 temporary file beside
    the real file (a symlink is followed: the link stays a link), sync it, read it back and check it, give the old
    file a second name, move the new file into place, and only then make that second name ``NAME.bak``. A failed
    save raises ProfileError and leaves the file and its .bak as they were, and no temporary file behind.
    """
    target = Path(path)
    where = os.fspath(path)
    old_text = _old_text(target)
    try:
        data = dump_with_comments(profile, old_text) if old_text is not None else dump_profile(profile)
        data = data.encode("utf-8")
    except (TypeError, ValueError) as err:
        raise ProfileError(msg("profile.file", "unwritable_value", path=where, reason=str(err))) from None
    real = _real(target)
    folder = real.parent
    temp = aside = None
    try:
        make_private_dirs(folder)
        from filelock import Timeout  # imported only when used: a profile is saved

        try:
            lock = _lock(real)
            lock.acquire()
        except Timeout:
            raise ProfileError(msg("profile.file", "locked", path=where)) from None
        try:
            if expect is not None and not expect.same_content(_stamp_now(real)) and (expect.exists or real.exists()):
                raise ProfileConflict(msg("profile.file", "conflict", path=where))
            _remove_temps_locked(real)
            temp = _write_temp(real, data)
            with open(temp, "rb") as f:
                written = f.read()
            try:
                reread = _parse(written, where)
            except ProfileError as err:
                err.line = err.column = None  # lines of the text we were about to write, not of the user's file
                raise
            if reread != profile:
                raise ProfileError(msg("profile.file", "not_equal", path=where))
            aside = _keep_old(real)
            os.replace(temp, real)
            temp = None
            stamp = _stamp_of(data, os.stat(real))
            if aside is not None:
                backup = real.with_name(real.name + ".bak")
                try:
                    os.chmod(aside, 0o600)
                    os.replace(aside, backup)
                    aside = None
                except OSError:
                    pass  # the new file is in place; the old .bak stays as it was
        finally:
            _remove_quietly(os.fspath(_lock_path(real)))  # no clutter: unlinked while held (see _lock)
            lock.release()
    except OSError as err:
        raise ProfileError(msg("profile.file", "save_failed", path=where, reason=_reason(err))) from None
    finally:
        _remove_quietly(temp)
        _remove_quietly(aside)
    _fsync_folder(folder)
    return target, stamp


def load_profile_stamped(path: str | os.PathLike) -> tuple[Profile, FileStamp]:
    """Read the profile and the stamp of exactly the bytes read (for a later ``save_profile(expect=stamp)``)."""
    source = os.fspath(path)
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            data = f.read()
    except OSError as err:
        raise ProfileError(msg("profile.file", "read_failed", path=source, reason=os_error_words(err)),
                           source=None) from None
    remove_stale_temps(path)
    return _parse(data, source), _stamp_of(data, st)


# --------------------------------------------------------------------------------------------------------------
# Keeping the user's comments: tomlkit (imported only when the old file holds a comment)


def _old_text(target: Path) -> str | None:
    """The text of the file about to be replaced, when it holds a comment worth keeping; else None."""
    try:
        data = target.read_bytes()
    except OSError:
        return None
    if b"#" not in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def dump_with_comments(profile: Profile, old_text: str) -> str:
    """The profile written into the old file's text: its comments and layout kept where the values allow.

    tomlkit keeps the comments, the order and the blank lines; values are replaced in place and keys that are gone
    are removed. When the periods changed in number, the periods are rewritten (their comments cannot follow).
    Anything the old text cannot carry falls back to :func:`dump_profile`; the caller reads the result back.
    """
    try:
        import tomlkit  # imported only when used: the old file holds comments

        new = tomlkit.parse(dump_profile(profile))
        old = tomlkit.parse(old_text)
        _merge(old, new)
        text = tomlkit.dumps(old)
        if parse_profile(text) != profile:
            return dump_profile(profile)
        return text
    except Exception:  # noqa: BLE001 - any surprise in an old file: write it plainly
        return dump_profile(profile)


def _merge(old, new) -> None:
    """Make the tomlkit container ``old`` hold the values of ``new``, keeping what surrounds them."""
    from tomlkit.items import AoT, Table  # imported only when used: the old file holds comments

    for key in list(old.keys()):
        if key not in new:
            del old[key]
    for key, value in new.items():
        if key not in old:
            old[key] = value
            continue
        current = old[key]
        if isinstance(value, Table) and isinstance(current, Table):
            _merge(current, value)
        elif isinstance(value, AoT) and isinstance(current, AoT) and len(value) == len(current):
            for a, b in zip(current, value):
                _merge(a, b)
        elif current != value or type(current.unwrap() if hasattr(current, "unwrap") else current) is not type(
            value.unwrap() if hasattr(value, "unwrap") else value
        ):
            old[key] = value
