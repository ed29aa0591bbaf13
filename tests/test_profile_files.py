"""Profile files that lose nothing: conflicts, locks, symlinks, the .bak, leftovers,
killed and concurrent saves, permissions, whole numbers, notes and comments kept, TOML line numbers."""

from __future__ import annotations

import errno
import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import msgspec
import pytest

from engine import ProfileConflict, ProfileError, file_stamp, load_profile, parse_profile, save_profile
from engine import dump_profile, load_profile_stamped, make_private_dirs, permission_warning
from engine.data.params import DECLARATIONS

ROOT = Path(__file__).resolve().parent.parent
XUZHOU = ROOT / "profiles" / "xuzhou-flexible-man.toml"


def leftovers(folder: Path) -> list[str]:
    """Anything in the folder other than profiles and their .bak."""
    return sorted(n for n in os.listdir(folder) if not (n.endswith(".toml") or n.endswith(".toml.bak")))


@pytest.fixture
def me(tmp_path) -> Path:
    path = tmp_path / "me.toml"
    path.write_bytes(XUZHOU.read_bytes())
    os.chmod(path, 0o600)
    return path


def with_balance(profile, amount):
    return msgspec.structs.replace(profile, account=msgspec.structs.replace(profile.account, balance_yuan=amount))


# -- conflicts ---------------------------------------------------------------------------------------------------


def test_a_save_over_another_programs_change_raises_profile_conflict(me):
    profile, stamp = load_profile_stamped(me)
    assert stamp == file_stamp(me) and stamp.exists
    other = with_balance(profile, 1.0)
    save_profile(other, me)  # another program saves meanwhile
    with pytest.raises(ProfileConflict) as caught:
        save_profile(with_balance(profile, 2.0), me, expect=stamp)
    assert isinstance(caught.value, ProfileError)
    assert "其他程序改过" in caught.value.text() and "another program" in caught.value.text("en")
    assert load_profile(me) == other  # nothing written
    save_profile(with_balance(profile, 2.0), me, expect=file_stamp(me))  # with the new stamp it saves
    assert load_profile(me).account.balance_yuan == 2.0
    assert leftovers(me.parent) == []


def test_a_file_created_since_an_absent_stamp_is_a_conflict(tmp_path, me):
    path = tmp_path / "new.toml"
    absent = file_stamp(path)
    assert not absent.exists
    path.write_bytes(me.read_bytes())
    with pytest.raises(ProfileConflict):
        save_profile(load_profile(me), path, expect=absent)


def test_two_processes_load_edit_save_never_lose_an_update(me):
    """Each process adds 1 to the balance N times, reloading on a conflict: the total is exact."""
    rounds = 15
    script = textwrap.dedent(f"""
        import msgspec, sys
        from engine import ProfileConflict, save_profile
        from engine import load_profile_stamped
        done = 0
        while done < {rounds}:
            p, stamp = load_profile_stamped(sys.argv[1])
            p = msgspec.structs.replace(p, account=msgspec.structs.replace(p.account, balance_yuan=p.account.balance_yuan + 1))
            try:
                save_profile(p, sys.argv[1], expect=stamp)
            except ProfileConflict:
                continue
            done += 1
    """)
    start = load_profile(me).account.balance_yuan
    procs = [subprocess.Popen([sys.executable, "-c", script, str(me)], cwd=ROOT) for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert load_profile(me).account.balance_yuan == start + 2 * rounds
    assert leftovers(me.parent) == []


# -- symlinks, the .bak, failures --------------------------------------------------------------------------------


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path, me):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "me.toml"
    os.replace(me, real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    edited = with_balance(load_profile(link), 123.0)
    save_profile(edited, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_profile(real) == edited
    assert (real_dir / "me.toml.bak").exists()
    assert leftovers(real_dir) == [] and sorted(os.listdir(tmp_path)) == ["link.toml", "real"]


def test_the_bak_moves_forward_only_once_the_new_file_is_in_place(me, monkeypatch):
    first = load_profile(me)
    save_profile(with_balance(first, 1.0), me)  # .bak = the original
    bak = me.with_name("me.toml.bak")
    before_file, before_bak = me.read_bytes(), bak.read_bytes()
    real_replace = os.replace

    def failing(src, dst, *a, **k):
        if os.fspath(dst) == os.fspath(me):
            raise OSError(errno.EPERM, "Operation not permitted")  # e.g. an immutable file
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(ProfileError) as caught:
        save_profile(with_balance(first, 2.0), me)
    monkeypatch.undo()
    assert "没有权限" in caught.value.text() and "Operation not permitted" not in caught.value.text()
    assert "permission denied" in caught.value.text("en")
    assert me.read_bytes() == before_file and bak.read_bytes() == before_bak  # both as they were
    assert leftovers(me.parent) == []
    save_profile(with_balance(first, 3.0), me)
    assert load_profile(bak).account.balance_yuan == 1.0  # the .bak is the version just replaced


def test_a_read_only_file_system_leaves_everything_as_it_was(me, monkeypatch):
    import tempfile

    before = sorted(os.listdir(me.parent)), me.read_bytes()

    def read_only(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(ProfileError) as caught:
        save_profile(with_balance(load_profile(me), 5.0), me)
    monkeypatch.undo()
    assert "只读" in caught.value.text() and "read-only" in caught.value.text("en")
    assert (sorted(os.listdir(me.parent)), me.read_bytes()) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_refuses_the_save_in_words(me):
    os.chmod(me.parent, 0o500)
    try:
        with pytest.raises(ProfileError) as caught:
            save_profile(with_balance(load_profile(me), 5.0), me)
        assert "没有权限" in caught.value.text()
    finally:
        os.chmod(me.parent, 0o700)


def test_os_errors_of_a_load_are_in_the_readers_language(tmp_path):
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path)
    assert "这是一个文件夹" in caught.value.text() and "a folder, not a file" in caught.value.text("en")
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path / "nope.toml")
    assert "不存在" in caught.value.text() and "No such file" not in caught.value.text()


# -- leftovers and killed saves ------------------------------------------------------------------------------------


def test_stale_temp_files_are_removed_by_the_next_load_and_save(me):
    stale = me.with_name(".me.toml.abc123.yibao-tmp")
    stale.write_text("half a profile")
    other = me.with_name(".other.toml.x.yibao-tmp")  # another profile's: left alone
    other.write_text("x")
    load_profile(me)
    assert not stale.exists() and other.exists()
    stale.write_text("again")
    save_profile(load_profile(me), me)
    assert not stale.exists()
    assert leftovers(me.parent) == [other.name]


KILL_SAVER = textwrap.dedent("""
    import msgspec, sys
    from engine import load_profile, save_profile
    p = load_profile(sys.argv[1])
    a = msgspec.structs.replace(p, account=msgspec.structs.replace(p.account, balance_yuan=111.0))
    b = msgspec.structs.replace(p, account=msgspec.structs.replace(p.account, balance_yuan=222.0))
    print("ready", flush=True)
    i = 0
    while True:
        save_profile(a if i % 2 else b, sys.argv[1])
        i += 1
""")


def test_killed_saves_leave_a_whole_file_a_whole_bak_and_nothing_a_save_does_not_clean(me):
    rng = random.Random(7)
    allowed = {111.0, 222.0, load_profile(me).account.balance_yuan}
    for _ in range(30):
        proc = subprocess.Popen([sys.executable, "-c", KILL_SAVER, str(me)], cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert load_profile(me).account.balance_yuan in allowed
        bak = me.with_name("me.toml.bak")
        if bak.exists():
            assert load_profile(bak).account.balance_yuan in allowed
        assert stat.S_IMODE(os.stat(me).st_mode) == 0o600
    save_profile(load_profile(me), me)
    assert leftovers(me.parent) == []


# -- permissions ------------------------------------------------------------------------------------------------


def test_a_profile_readable_by_others_gets_a_warning_with_the_fix(me):
    assert permission_warning(me) is None
    os.chmod(me, 0o644)
    warning = permission_warning(me)
    assert warning is not None and "chmod 600" in warning.text("zh") and "chmod 600" in warning.text("en")
    save_profile(load_profile(me), me)
    assert stat.S_IMODE(os.stat(me).st_mode) == 0o600  # what the app writes is the owner's only


def test_folders_the_app_creates_are_0700_all_the_way(tmp_path):
    os.umask(0o022)
    target = tmp_path / "a" / "b" / "c"
    make_private_dirs(target)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    save_profile(load_profile(XUZHOU), tmp_path / "x" / "y" / "me.toml")
    assert stat.S_IMODE(os.stat(tmp_path / "x").st_mode) == 0o700


def test_the_cli_warns_about_a_profile_others_can_read(me):
    os.chmod(me, 0o644)
    out = subprocess.run([sys.executable, "-m", "tui", "check", str(me), "--format", "json"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0 and "chmod 600" in out.stderr


# -- what the user wrote ------------------------------------------------------------------------------------------


def test_whole_numbers_stay_whole_and_notes_are_kept(tmp_path):
    text = XUZHOU.read_text("utf-8").replace("balance_yuan = 5230.5", "balance_yuan = 800")
    text = text.replace('name = "张先生 · 徐州灵活就业"', 'name = "张先生 · 徐州灵活就业"\nnote = "去社保局问过，2026年10月"')
    text = text.replace('base_yuan = 4800', 'base_yuan = 4500\nnote = "按最低档交"')
    profile = parse_profile(text)
    assert profile.note == "去社保局问过，2026年10月" and profile.periods[-1].note == "按最低档交"
    path = tmp_path / "me.toml"
    save_profile(profile, path)
    written = path.read_text("utf-8")
    assert "base_yuan = 4500\n" in written and "base_yuan = 4500.0" not in written
    assert "balance_yuan = 800\n" in written and "3000.0" not in written
    assert 'note = "按最低档交"' in written
    assert load_profile(path) == profile
    edited = msgspec.structs.replace(profile, periods=profile.periods[:-1] + (
        msgspec.structs.replace(profile.periods[-1], base_yuan=4600.0),))
    assert "base_yuan = 4600\n" in dump_profile(edited)


@pytest.mark.parametrize("note, words", [("", "备注是空的"), ("字" * 201, "备注太长"), (3, "类型不对")])
def test_a_note_is_1_to_200_characters(note, words):
    import tomli_w

    text = XUZHOU.read_text("utf-8").replace('[person]', tomli_w.dumps({"note": note}) + "\n[person]", 1)
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert words in caught.value.text() and caught.value.field == "note"


def test_comments_and_layout_are_kept_when_a_commented_file_is_saved(tmp_path):
    text = (
        "# 我的档案：张先生\nschema = 1\nname = \"张先生\"   # 名字\n\n[person]\nsex = \"male\"\n"
        "birth = \"1968-05\"  # 身份证上的\nregion = \"jiangsu.xuzhou\"\n\n[account]\nbalance_yuan = 800 # 去年看的\n\n"
        "# 第一份工作\n[[periods]]\ninsurance = \"employee_medical\"\nstart = \"1990-07\"\nend = \"2008-12\"\n"
        "base_yuan = 3000  # 大概\n"
    )
    path = tmp_path / "me.toml"
    path.write_text(text, "utf-8")
    profile = load_profile(path)
    edited = with_balance(profile, 900.5)
    save_profile(edited, path)
    written = path.read_text("utf-8")
    assert written == text.replace("balance_yuan = 800 #", "balance_yuan = 900.5 #")
    assert load_profile(path) == edited
    # a new period: the file still reads back equal, the comments outside the periods stay
    more = msgspec.structs.replace(edited, periods=edited.periods + (
        msgspec.structs.replace(edited.periods[0], start=edited.periods[0].end + 2, end=None, base_yuan=4000.0),))
    save_profile(more, path)
    written = path.read_text("utf-8")
    assert load_profile(path) == more
    assert "# 我的档案：张先生" in written and "# 身份证上的" in written and "# 第一份工作" in written


# -- TOML line numbers, linear work ----------------------------------------------------------------------------


@pytest.mark.parametrize("odd", ["\u2028", "\u2029", "\u0085", "\x0c", "\x1c"])
def test_line_numbers_count_only_toml_newlines(odd):
    text = f'# a comment {odd} with an odd character\nschema = 1\nname = "x"  # {odd}\n[person]\nsex = "male"\n' \
           'birth = "1968-13"\nregion = "national"\n'
    if odd in "\x0c\x1c":  # control characters are not allowed in TOML comments: refused, still on line 1
        with pytest.raises(ProfileError) as caught:
            parse_profile(text)
        assert caught.value.line == 1
        return
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert caught.value.field == "person.birth" and caught.value.line == 6


def test_crlf_line_numbers():
    text = 'schema = 1\r\nname = "x"\r\n[person]\r\nsex = "male"\r\nbirth = "1968-13"\r\nregion = "national"\r\n'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    assert caught.value.line == 5


def many_periods(n: int) -> str:
    head = 'schema = 1\nname = "x"\n[person]\nsex = "male"\nbirth = "1900-01"\nregion = "national"\n'
    parts = [head]
    for i in range(n):
        start = 1920 * 12 + 2 * i
        parts.append(f'[[periods]]\ninsurance = "pension"\nstart = "{start // 12}-{start % 12 + 1:02d}"\n'
                     f'end = "{start // 12}-{start % 12 + 1:02d}"\n')
    return "".join(parts)


def test_a_thousand_periods_parse_and_the_first_overlap_is_named():
    text = many_periods(1000)
    started = time.perf_counter()
    assert len(parse_profile(text).periods) == 1000
    elapsed = time.perf_counter() - started  # measured, not asserted
    print(f"1,000 periods parsed in {elapsed * 1000:.1f} ms")
    # an overlap at the end is found and named in words
    text += '[[periods]]\ninsurance = "pension"\nstart = "1920-03"\n'
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    # the first period in file order that overlaps one starting earlier: the third (period 1001 runs on from 1920-03)
    assert caught.value.field == "periods[2].start" and "与第1001段" in caught.value.text()


# -- the command line: broken pipe, strict JSON, words ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_a_broken_pipe_ends_quietly_with_exit_0(fmt):
    proc = subprocess.Popen([sys.executable, "-m", "tui", "check", str(XUZHOU), "--format", fmt,
                             "--as-of", "2026-11-22"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.read(20)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0, err
    assert b"Traceback" not in err and b"Error" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("lang, words", [("zh", "磁盘空间不足"), ("en", "no space left on the disk")])
def test_a_full_disk_is_said_in_words_with_exit_1(lang, words):
    """The command's output is flushed before the process ends at once (tui.cli.run): a failed write is said."""
    with open("/dev/full", "wb") as full:
        out = subprocess.run([sys.executable, "-m", "tui", "check", str(XUZHOU), "--format", "json", "--lang", lang,
                              "--as-of", "2026-11-22"], stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert out.returncode == 1
    assert words in out.stderr.lower() and "Traceback" not in out.stderr


def test_a_command_s_whole_output_reaches_a_file(tmp_path):
    """Ending at once (tui.cli.run) loses nothing: the file holds the whole report, as the engine writes it."""
    from engine import evaluate, load_profile
    from tui.cli import json_text

    target = tmp_path / "report.json"
    with open(target, "wb") as f:
        subprocess.run([sys.executable, "-m", "tui", "check", str(XUZHOU), "--format", "json", "--as-of",
                        "2026-11-22"], stdout=f, check=True, cwd=ROOT)
    report = evaluate(load_profile(XUZHOU), as_of=date(2026, 11, 22))
    assert target.read_text("utf-8") == json_text(report.to_dict("zh"))


@pytest.mark.parametrize("args, zh, en", [
    (["check", str(XUZHOU), "--format", "xml"], "不可用", "is not available"),
    (["check"], "缺少参数", "missing arguments"),
    (["check", str(XUZHOU), "--bogus"], "不认识的参数", "unknown arguments"),
    (["check", str(XUZHOU), "--as-of", "1949-12-31"], "1950-01-01 到 2100-12-31", "from 1950-01-01 to 2100-12-31"),
    (["check", str(ROOT)], "这是一个文件夹", "a folder, not a file"),
])
def test_argument_and_os_errors_are_in_the_users_language(args, zh, en):
    for lang, words in (("zh", zh), ("en", en)):
        out = subprocess.run([sys.executable, "-m", "tui", *args, "--lang", lang], capture_output=True, text=True,
                             cwd=ROOT)
        assert out.returncode == 2, out.stderr
        assert words in out.stderr and "Traceback" not in out.stderr
        if lang == "zh":
            assert "usage:" not in out.stderr and "error:" not in out.stderr
        for line in out.stderr.splitlines():
            assert line and line[0] not in "，。；：、,.;:)）"


def test_overrides_beyond_their_bounds_are_refused_and_json_stays_strict(tmp_path):
    above = repr(float(DECLARATIONS["medical.backpay_base_yuan"].max) + 1)
    for value, words in ((above, "金额大得不合理"), ("1e308", "金额大得不合理"), ("inf", "有限"), ("nan", "有限")):
        path = tmp_path / "p.toml"
        path.write_text(XUZHOU.read_text("utf-8") + f'\n[policy_overrides]\n"medical.backpay_base_yuan" = {value}\n')
        out = subprocess.run([sys.executable, "-m", "tui", "check", str(path), "--format", "json"],
                             capture_output=True, text=True, cwd=ROOT)
        assert out.returncode == 2 and words in out.stderr, out.stderr
    # at the bounds engine/policy/params.toml declares: accepted
    top = {n: DECLARATIONS[n].max for n in ("medical.backpay_base_yuan", "medical.min_years.male",
                                             "medical.long_gap_waiting_months")}
    path.write_text(XUZHOU.read_text("utf-8") + '\n[policy_overrides]\n'
                    f'"medical.backpay_base_yuan" = {float(top["medical.backpay_base_yuan"])}\n'
                    f'"medical.min_years.male" = {int(top["medical.min_years.male"])}\n'
                    f'"medical.long_gap_waiting_months" = {int(top["medical.long_gap_waiting_months"])}\n')
    out = subprocess.run([sys.executable, "-m", "tui", "check", str(path), "--format", "json"], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert "Infinity" not in out.stdout and "NaN" not in out.stdout
