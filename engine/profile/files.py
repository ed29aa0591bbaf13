"""Profile files on disk: read one, write one as TOML, and save it atomically.

A save is :func:`engine.data.atomic.write_atomic` (an exclusive lock; the file must still hold what the caller read,
``expect``, else :class:`ProfileConflict`; a 0600 temporary file beside it, synced, read back and checked to equal
the profile; the old file kept as ``NAME.bak``; the folder synced). A failed save raises :class:`ProfileError` and
leaves the file and its .bak as they were. The next load or save of a profile removes the temporary files an
interrupted save left. A file that holds comments keeps them (tomlkit, imported only then).

The engine's ``load_profile`` and ``save_profile`` are these with the one rule the profile layer cannot check
(:mod:`engine.rules.profiles`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..core.months import Month
from ..data.atomic import (  # noqa: F401  (make_private_dirs and file_stamp are part of this module's API)
    FileBusy,
    FileChanged,
    FileStamp,
    file_stamp,
    make_private_dirs,
    read_limited,
    remove_stale_temps,
    retire,
    stamp_of,
    write_atomic,
)
from ..data.i18n import msg
from ..data.os_errors import os_error_words
from .errors import ProfileError
from .model import Profile
from .parse import parse_profile


def _parse(data: bytes, source: str) -> Profile:
    return parse_profile(data, source=source)


#: the largest profile file read: far beyond a lifetime of periods, each with its note (a larger one is refused)
PROFILE_LIMIT = 1024 * 1024


def _read(path: str | os.PathLike) -> tuple[bytes, os.stat_result]:
    """The bytes of a profile file: a regular file of at most :data:`PROFILE_LIMIT` bytes, else ProfileError in
    words (a FIFO, a device or a folder is refused without waiting on it)."""
    try:
        return read_limited(path, PROFILE_LIMIT)
    except OSError as err:
        raise ProfileError(msg("profile.file", "read_failed", path=os.fspath(path), reason=os_error_words(err)),
                           source=None) from None


def load_profile(path: str | os.PathLike) -> Profile:
    """Read and check the profile file at ``path``; never changes it (stale temporary files and the lock file of an
    interrupted save beside it are removed)."""
    data, _ = _read(path)
    remove_stale_temps(path)
    return _parse(data, os.fspath(path))


def _drop_none(items: dict) -> dict:
    return {k: v for k, v in items.items() if v is not None}


def _month_text(month: Month | None) -> str | None:
    return None if month is None else str(month)


def _whole(value):
    """A number as the user would write it: 4500.0 is written 4500 (whole numbers stay whole)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def dump_profile(profile: Profile) -> str:
    """The profile as TOML text, in the order of docs/contract.md §1, leaving out fields that are None."""
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
                "nationality": person.nationality if person.nationality != "CN" else None,
                "hukou": person.hukou,
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
                "pension_shortfall": plans.pension_shortfall,
                "flexible_subsidy": plans.flexible_subsidy,
                "relative_region": plans.relative_region,
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
# Saving: engine.data.atomic's writer, the profile read back and compared before it replaces the file


def save_profile(profile: Profile, path: str | os.PathLike, *, expect: FileStamp | None = None) -> Path:
    """Write the profile atomically (see :func:`save_profile_stamped`); return the path written."""
    return save_profile_stamped(profile, path, expect=expect)[0]


def save_profile_stamped(profile: Profile, path: str | os.PathLike, *,
                         expect: FileStamp | None = None) -> tuple[Path, FileStamp]:
    """Write the profile atomically (:func:`engine.data.atomic.write_atomic`); with ``expect``, only if the file
    still holds what that stamp saw (else :class:`ProfileConflict`). What was written is read back and must equal
    the profile before it replaces the file; the old file becomes ``NAME.bak``. A failed save raises ProfileError and
    leaves the file and its .bak as they were, and no temporary file behind.
    """
    target = Path(path)
    data, check = _encoded(profile, _old_text(target), os.fspath(path))
    return target, _write(target, data, check, expect=expect)


def _encoded(profile: Profile, old_text: str | None, where: str):
    """The profile's bytes (written into ``old_text``'s comments where it has some) and the check of what was
    written: read back, it must equal the profile."""
    try:
        data = dump_with_comments(profile, old_text) if old_text is not None else dump_profile(profile)
        data = data.encode("utf-8")
    except (TypeError, ValueError) as err:
        raise ProfileError(msg("profile.file", "unwritable_value", path=where, reason=str(err))) from None

    def check(written: bytes) -> None:
        try:
            reread = _parse(written, where)
        except ProfileError as err:
            err.line = err.column = None  # lines of the text we were about to write, not of the user's file
            raise
        if reread != profile:
            raise ProfileError(msg("profile.file", "not_equal", path=where))

    return data, check


def _write(target: Path, data: bytes, check, *, expect: FileStamp | None = None, exclusive: bool = False) -> FileStamp:
    """:func:`engine.atomic.write_atomic`, its failures in words (ProfileConflict when the file changed)."""
    where = os.fspath(target)
    try:
        return write_atomic(target, data, check=check, expect=expect, exclusive=exclusive)
    except FileBusy:
        raise ProfileError(msg("profile.file", "locked", path=where)) from None
    except FileChanged:
        if exclusive:
            raise ProfileConflict(msg("profile.file", "taken", path=where)) from None
        raise ProfileConflict(msg("profile.file", "conflict", path=where)) from None
    except OSError as err:
        raise ProfileError(msg("profile.file", "save_failed", path=where, reason=os_error_words(err))) from None


def rename_profile(profile: Profile, source: str | os.PathLike, target: str | os.PathLike, *,
                   expect: FileStamp) -> tuple[Path, FileStamp]:
    """Save the profile under a new file name, ``target`` (which must be free), and move the old file to
    ``target``'s ``.bak``: the promises of a save (one writer, 0600, read back and checked), and the old file is
    moved only while it still holds what ``expect`` saw. When another program changed it meanwhile, the new file is
    taken back and :class:`ProfileConflict` raised: both files are as they were. The old file's own .bak stays."""
    source, target = Path(source), Path(target)
    data, check = _encoded(profile, _old_text(source), os.fspath(target))
    stamp = _write(target, data, check, exclusive=True)
    try:
        retire(source, expect, keep_as=target.with_name(target.name + ".bak"))
    except (FileChanged, FileBusy, OSError) as err:
        try:
            retire(target, stamp)  # the new file goes again: nothing half done is left
        except (FileChanged, FileBusy, OSError):
            pass
        if isinstance(err, FileChanged):
            raise ProfileConflict(msg("profile.file", "conflict", path=os.fspath(source))) from None
        if isinstance(err, FileBusy):
            raise ProfileError(msg("profile.file", "locked", path=os.fspath(source))) from None
        raise ProfileError(msg("profile.file", "save_failed", path=os.fspath(source),
                               reason=os_error_words(err))) from None
    return target, stamp


def load_profile_stamped(path: str | os.PathLike) -> tuple[Profile, FileStamp]:
    """Read the profile and the stamp of exactly the bytes read (for a later ``save_profile(expect=stamp)``)."""
    data, st = _read(path)
    remove_stale_temps(path)
    return _parse(data, os.fspath(path)), stamp_of(data, st)


# --------------------------------------------------------------------------------------------------------------
# Keeping the user's comments: tomlkit (imported only when the old file holds a comment)


def _old_text(target: Path) -> str | None:
    """The text of the file about to be replaced, when it holds a comment worth keeping; else None."""
    try:
        data, _ = read_limited(target, PROFILE_LIMIT)
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
