"""Profiles read and saved against every rule they keep, the retirement reform's included.

The profile layer (:mod:`engine.profile`) checks what a profile alone can tell. One rule needs the retirement
rules as well (国务院关于渐进式延迟法定退休年龄的办法 第三条: "职工达到最低缴费年限，可以自愿选择弹性提前退休，提前
时间最长不超过三年，且退休年龄不得低于……原法定退休年龄"): a negative ``retirement_shift_months`` may not bring the
retirement age below the original one, so it may be at most the reform's delay for the person's birth month. This
module checks it, with the same kind of message as every other field (:func:`engine.profile.parse.refusal`), and
is what the engine's ``parse_profile``, ``load_profile`` and ``save_profile`` are.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.months import Month
from ..data import policy
from ..data.i18n import msg
from ..profile import files, parse
from ..profile.files import FileStamp
from ..profile.model import Profile
from ..profile.parse import SHIFT_LIMIT, refusal
from ..profile.toml_lines import TomlLines


def original_age_or_default(sex: str, age: int | None) -> int:
    """The original retirement age: as given, else a man's 60 or a woman's 55."""
    return age if age is not None else (60 if sex == "male" else 55)


def reform_delay_months(sex: str, birth: Month, original_age: int | None = None) -> int:
    """Months by which the 2025 reform delays retirement for this birth month (0 before the first cohort).

    ``delay = min(cap, floor(((y - y0) * 12 + (m - 1)) / step) + 1)`` for births from ``y0-01``, with the schedule
    read from the national policy data: the same figures the retirement rule uses and traces.
    Women's original age defaults to 55, men's is 60.
    """
    age = original_age_or_default(sex, original_age)
    schedule = "male" if sex == "male" else f"female{age}"
    at = (birth + age * 12).first_day()
    start = policy.lookup(f"retirement.delay_start.{schedule}", "national", at).value
    if start is None:  # the reform was not in force when the original age was reached
        return 0
    first = Month.parse(start)
    if birth < first:
        return 0
    step = policy.lookup(f"retirement.delay_step.{schedule}", "national", at).value
    cap = policy.lookup(f"retirement.delay_cap.{schedule}", "national", at).value
    return min(cap, (birth - first) // step + 1)


def check_shift(profile: Profile, text: str | bytes | None = None, source: str | None = None) -> None:
    """Flexible early retirement may not go below the original retirement age; raise :class:`ProfileError` naming
    the field (and its line in ``text``, the profile's TOML, where given)."""
    person = profile.person
    if person.retirement_shift_months is None:
        return
    delay = reform_delay_months(person.sex, person.birth, person.original_retirement_age)
    earliest = -min(delay, SHIFT_LIMIT)
    if delay + person.retirement_shift_months >= 0:
        return
    age = original_age_or_default(person.sex, person.original_retirement_age)
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = bytes(text).decode("utf-8")  # read as UTF-8 already: the profile came from it
    raise refusal(
        ("person",),
        "retirement_shift_months",
        msg("profile.error", "shift_below_original", age=age, birth=person.birth, delay=delay, early=-earliest,
            earliest=earliest, most=SHIFT_LIMIT),
        person.retirement_shift_months,
        lines=TomlLines(text.removeprefix("\ufeff")) if text is not None else None,
        source=source,
    )


def parse_profile(text: str | bytes, *, source: str | None = None) -> Profile:
    """Read a profile from TOML text (or UTF-8 bytes); raise ProfileError naming the field for anything wrong."""
    profile = parse.parse_profile(text, source=source)
    check_shift(profile, text, source)
    return profile


def load_profile_stamped(path: str | os.PathLike) -> tuple[Profile, FileStamp]:
    """Read and check the profile file at ``path``, with the stamp of exactly the bytes read (for a later
    ``save_profile(expect=stamp)``)."""
    profile, stamp = files.load_profile_stamped(path)
    check_shift(profile, stamp.content, os.fspath(path))
    return profile, stamp


def load_profile(path: str | os.PathLike) -> Profile:
    """Read and check the profile file at ``path``; never changes it (stale temporary files of an interrupted save
    beside it are removed)."""
    return load_profile_stamped(path)[0]


def save_profile_stamped(profile: Profile, path: str | os.PathLike, *,
                         expect: FileStamp | None = None) -> tuple[Path, FileStamp]:
    """Write the profile atomically (:func:`engine.profile.files.save_profile_stamped`), once it keeps every rule;
    the path written and the stamp of what it holds now."""
    check_shift(profile, source=os.fspath(path))
    return files.save_profile_stamped(profile, path, expect=expect)


def save_profile(profile: Profile, path: str | os.PathLike, *, expect: FileStamp | None = None) -> Path:
    """Write the profile atomically; with ``expect``, only if the file still holds what that stamp saw (else
    :class:`~engine.profile.files.ProfileConflict`). Return the path written."""
    return save_profile_stamped(profile, path, expect=expect)[0]
