"""Profile files on disk: read one, write one as TOML, and save atomically (DESIGN.md, "Saving is atomic").

A save writes a temporary file beside the target (0600, flushed and synced), reads it back and checks it equals the
profile, copies the old file to ``NAME.bak``, then moves the new file into place and syncs the folder. A failed save
raises :class:`ProfileError` and leaves the old file whole and no temporary file behind.
Import these from ``engine.profile`` or ``engine``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import tomli_w

from .model import Profile
from .months import Month
from .profile_error import ProfileError

# tempfile and shutil are imported inside the functions that need them, so that `import engine` stays fast.


def _parse(data: bytes, source: str) -> Profile:
    from .profile import parse_profile  # engine.profile re-exports this module's functions: import it late

    return parse_profile(data, source=source)


def load_profile(path: str | os.PathLike) -> Profile:
    """Read and check the profile file at ``path``; never writes anything."""
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise ProfileError(
            f"无法读取文件 {source}：{reason}",
            en=f"cannot read the file {source}: {reason}",
            source=None,
        ) from None
    return _parse(data, source)


def _drop_none(items: dict) -> dict:
    return {k: v for k, v in items.items() if v is not None}


def _month_text(month: Month | None) -> str | None:
    return None if month is None else str(month)


def dump_profile(profile: Profile) -> str:
    """The profile as TOML text, in the CONTRACT's order, leaving out fields that are None."""
    person = profile.person
    doc: dict[str, Any] = {
        "schema": profile.schema,
        "name": profile.name,
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
            {"balance_yuan": profile.account.balance_yuan, "as_of": _month_text(profile.account.as_of)}
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
        doc["policy_overrides"] = dict(profile.policy_overrides)
    chunks = [tomli_w.dumps(doc)]
    # Each period as its own [[periods]] table (tomli_w would write short ones inline).
    for period in profile.periods:
        fields = _drop_none(
            {
                "insurance": period.insurance,
                "start": _month_text(period.start),
                "end": _month_text(period.end),
                "region": period.region,
                "status": period.status,
                "mode": period.mode,
                "kind": period.kind,
                "paid_on": _month_text(period.paid_on),
                "base_yuan": period.base_yuan,
            }
        )
        chunks.append("\n[[periods]]\n" + tomli_w.dumps(fields))
    return "".join(chunks)


# --------------------------------------------------------------------------------------------------------------
# Saving


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


def _write_temp(folder: Path, prefix: str, data: bytes) -> str:
    """Write ``data`` to a new 0600 temporary file in ``folder``, flushed and synced; return its path."""
    import tempfile

    fd, temp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, 0o600)
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _backup(path: Path) -> None:
    """Copy the current file to NAME.bak, atomically and readable by the owner only."""
    import shutil
    import tempfile

    backup = path.with_name(path.name + ".bak")
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix="." + backup.name + ".", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(path, temp)
        os.chmod(temp, 0o600)
        with open(temp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(temp, backup)
    except BaseException:
        _remove_quietly(temp)
        raise


def save_profile(profile: Profile, path: str | os.PathLike) -> Path:
    """Write the profile atomically (temp file, fsync, re-read and check, .bak, os.replace, fsync folder).

    A failed save raises ProfileError and leaves the old file whole and no temporary file behind.
    """
    target = Path(path)
    where = os.fspath(path)
    try:
        data = dump_profile(profile).encode("utf-8")
    except (TypeError, ValueError) as err:
        raise ProfileError(
            f"无法保存 {where}：资料中有无法写成 TOML 的值（{err}）",
            en=f"cannot save {where}: the profile holds a value TOML cannot hold ({err})",
        ) from None
    folder = target.parent
    temp = None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp = _write_temp(folder, "." + target.name + ".", data)
        with open(temp, "rb") as f:
            written = f.read()
        try:
            reread = _parse(written, where)
        except ProfileError as err:
            err.line = err.column = None  # lines of the text we were about to write, not of the user's file
            raise
        if reread != profile:
            raise ProfileError(
                f"无法保存 {where}：写入后读回的内容与原资料不一致，未覆盖原文件",
                en=f"cannot save {where}: what was written does not read back equal; the old file is kept",
            )
        if target.exists():
            _backup(target)
        os.replace(temp, target)
        temp = None
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise ProfileError(
            f"无法保存 {where}：{reason}（原文件未改动）",
            en=f"cannot save {where}: {reason} (the old file is unchanged)",
        ) from None
    finally:
        _remove_quietly(temp)
    _fsync_folder(folder)
    return target
