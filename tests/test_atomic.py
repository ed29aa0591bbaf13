"""The one writer (engine.data.atomic.write_atomic): the file holds its old bytes or the new ones, 0600 in 0700
folders, the old file kept as .bak, a failed check or a changed file leaves everything as it was, no temporary file
left; the profile save, the user's local figures and the app's exports all go through it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from engine.data import policy
from engine.data.atomic import FileChanged, file_stamp, write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n.startswith("."))


def test_a_new_file_in_new_folders(tmp_path):
    target = tmp_path / "a" / "b" / "f.txt"
    stamp = write_atomic(target, b"one")
    assert target.read_bytes() == b"one" and stamp.content == b"one" and stamp == file_stamp(target)
    assert mode(target) == 0o600 and mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700
    assert not target.with_name("f.txt.bak").exists() and leftovers(target.parent) == []


def test_the_old_file_becomes_the_backup(tmp_path):
    target = tmp_path / "f.txt"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and (tmp_path / "f.txt.bak").read_bytes() == b"one"
    assert mode(tmp_path / "f.txt.bak") == 0o600 and leftovers(tmp_path) == []
    write_atomic(target, b"three", backup=False)
    assert (tmp_path / "f.txt.bak").read_bytes() == b"one"


def test_a_failed_check_leaves_everything_as_it_was(tmp_path):
    target = tmp_path / "f.txt"
    write_atomic(target, b"one")
    write_atomic(target, b"two")

    def refuse(written: bytes) -> None:
        assert written == b"three"  # the check reads what was written, before it replaces anything
        raise ValueError("no")

    with pytest.raises(ValueError):
        write_atomic(target, b"three", check=refuse)
    assert target.read_bytes() == b"two" and (tmp_path / "f.txt.bak").read_bytes() == b"one"
    assert leftovers(tmp_path) == []


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    target = tmp_path / "f.txt"
    write_atomic(target, b"one")
    seen = file_stamp(target)
    target.write_bytes(b"someone else's")
    with pytest.raises(FileChanged):
        write_atomic(target, b"mine", expect=seen)
    assert target.read_bytes() == b"someone else's"
    write_atomic(target, b"mine", expect=file_stamp(target))
    assert target.read_bytes() == b"mine"


def test_a_symlink_stays_a_link(tmp_path):
    real = tmp_path / "real.txt"
    write_atomic(real, b"one")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"two")
    assert link.is_symlink() and real.read_bytes() == b"two" and (tmp_path / "real.txt.bak").read_bytes() == b"one"


def test_the_users_local_figures_are_written_by_it(tmp_path, monkeypatch):
    monkeypatch.setenv("YIBAO_REGIONS", str(tmp_path / "regions"))
    policy.reload()
    try:
        first = policy.write_user_region("sichuan.chengdu", {"medical.min_years.male": (25, "12393", "2026-06-01")})
        policy.write_user_region("sichuan.chengdu", {"medical.min_years.male": (26, "12393", "2026-06-02")})
        assert mode(first) == 0o600 and mode(first.parent) == 0o700
        assert "= 26" in first.read_text(encoding="utf-8")
        assert "= 25" in first.with_name(first.name + ".bak").read_text(encoding="utf-8")
        assert leftovers(first.parent) == []
        assert policy.user_regions() == ["sichuan.chengdu"]  # the .bak is no region file
        english = policy.write_user_region("sichuan.chengdu", {}, lang="en")
        assert english.read_text(encoding="utf-8").splitlines()[0] == "# local figures the user learned (written by yibao)"
    finally:
        monkeypatch.delenv("YIBAO_REGIONS")
        policy.reload()
