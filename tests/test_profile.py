"""The profile file: reading, checking and atomic saving (docs/contract.md §1 and §5)."""

from __future__ import annotations


import datetime as dt
import os
import stat
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.profile.model import INSURANCES, KINDS, MODES, SEXES, STATUSES, Account, Period, Person, Plans, Profile
from engine.core.months import Month
from engine.data.params import OVERRIDABLE
from engine import ProfileError, dump_profile, load_profile, parse_profile, save_profile
from engine.rules.profiles import reform_delay_months
from engine.data.places import REGION_IDS

from tests.worked_examples import FUXIN_WOMAN, XUZHOU_MAN  # noqa: E402


# --------------------------------------------------------------------------------------------------------------
# Building test documents. Lines: 1 schema, 2 name, 3 blank, 4 [person], 5 sex, 6 birth, 7 region, 8.. extras.

DROP = object()


def toml_lines(fields: dict) -> str:
    return "".join(tomli_w.dumps({k: v}) for k, v in fields.items() if v is not DROP)


def head(**changes) -> str:
    return toml_lines({"schema": 1, "name": "测试", **changes})


def person(**changes) -> str:
    return "\n[person]\n" + toml_lines({"sex": "male", "birth": "1968-05", "region": "jiangsu.xuzhou", **changes})


def table(name: str, **fields) -> str:
    return f"\n[{name}]\n" + toml_lines(fields)


def period(insurance: str = "employee_medical", start: str = "2000-01", **fields) -> str:
    return "\n[[periods]]\n" + toml_lines({"insurance": insurance, "start": start, **fields})


def doc(*parts: str, top: str | None = None, who: str | None = None) -> str:
    return (head() if top is None else top) + (person() if who is None else who) + "".join(parts)


# --------------------------------------------------------------------------------------------------------------
# The examples


def test_xuzhou_example_reads_every_field():
    p = parse_profile(XUZHOU_MAN)
    assert p.schema == 1
    assert p.name == "张先生 · 徐州灵活就业"
    assert p.person == Person("male", Month.parse("1968-05"), "jiangsu.xuzhou", 60, None)
    assert p.account == Account(5230.5, Month.parse("2026-10"))
    assert p.plans is None and p.policy_overrides == ()
    assert [x.insurance for x in p.periods] == ["pension", "pension", "employee_medical", "employee_medical"]
    flexible = p.periods[3]
    assert (flexible.start, flexible.end) == (Month.parse("2011-04"), None)
    assert (flexible.status, flexible.mode, flexible.kind) == ("flexible", "with_account", None)
    assert flexible.base_yuan == 4800.0 and isinstance(flexible.base_yuan, float)
    assert p.periods[0].end == Month.parse("2008-12")


def test_fuxin_example_reads_every_field():
    p = parse_profile(FUXIN_WOMAN.encode("utf-8"))
    assert p.person.sex == "female" and p.person.original_retirement_age == 55
    assert p.person.region == "liaoning.fuxin"
    assert p.account is None
    assert p.periods == (
        Period("pension", Month.parse("2006-03"), status="flexible"),
        Period("resident_medical", Month.parse("2009-01")),
    )


@pytest.mark.parametrize("text", [XUZHOU_MAN, FUXIN_WOMAN], ids=["xuzhou", "fuxin"])
def test_examples_dump_back_equal(text):
    p = parse_profile(text)
    assert parse_profile(dump_profile(p)) == p


def test_dump_follows_the_contract_order_and_writes_tables_of_periods():
    text = dump_profile(parse_profile(doc(table("plans", emigrate="2031-06"), table("account", as_of="2026-01"))))
    positions = [text.index(s) for s in ("schema =", "name =", "[person]", "[account]", "[plans]", "[[periods]]")
                 if s in text]
    assert positions == sorted(positions)
    assert "None" not in text and "original_retirement_age" not in text


# --------------------------------------------------------------------------------------------------------------
# Profiles that are accepted (edge cases of the rules)

ACCEPTED = [
    ("empty account table", doc(table("account"))),
    ("adjacent periods", doc(period(end="2008-12"), period(start="2009-01"))),
    ("employee medical next to resident", doc(period(end="2008-12"), period("resident_medical", "2009-01"))),
    ("pension alongside medical", doc(period(), period("pension", "2000-01"))),
    ("backpaid in its start month", doc(period(kind="backpaid", paid_on="2000-01", end="2000-06"))),
    ("earliest shift allowed (born 1968-05: delay 11)", doc(who=person(retirement_shift_months=-11))),
    ("latest shift", doc(who=person(retirement_shift_months=36))),
    ("woman originally 50", doc(who=person(sex="female", original_retirement_age=50))),
    ("every override", doc(table("policy_overrides", **{k: 0.5 if unit == "fraction" else 3 for k, unit in OVERRIDABLE.items()}))),
    ("plans", doc(table("plans", backpay_at_retirement=True, emigrate="2031-06", relocate_after_retirement="national"))),
    ("name of 40 characters", doc(top=head(name="名" * 40))),
    ("balance with two decimals", doc(table("account", balance_yuan=0.07))),
    ("utf-8 byte-order mark", "\ufeff" + doc()),
]


@pytest.mark.parametrize("text", [t for _, t in ACCEPTED], ids=[n for n, _ in ACCEPTED])
def test_accepted(text):
    p = parse_profile(text)
    assert parse_profile(dump_profile(p)) == p


def test_omitted_optional_fields_stay_none():
    p = parse_profile(doc(period()))
    assert p.person.original_retirement_age is None and p.person.retirement_shift_months is None
    assert p.periods[0] == Period("employee_medical", Month.parse("2000-01"))
    assert p.account is None and p.plans is None


# --------------------------------------------------------------------------------------------------------------
# Profiles that are refused: (id, text, field, line or None when not checked, words the message must hold)

REFUSED = [
    # reading
    ("not utf-8", b'schema = 1\nname = "\xff\xfe"\n', None, 2, "UTF-8"),
    ("not toml", "this is not a profile", None, 1, "TOML"),
    ("toml syntax error", doc().replace('birth = "1968-05"', 'birth = "1968-05'), None, 6, "第 17 列"),
    ("json, not toml", '{"schema": 1}', None, 1, "TOML"),
    # schema and name
    ("schema missing", doc(top=head(schema=DROP)), "schema", None, "缺少"),
    ("schema newer", doc(top=head(schema=2)), "schema", 1, "更新版本的 yibao"),
    ("schema zero", doc(top=head(schema=0)), "schema", 1, "格式版本"),
    ("schema as text", doc(top=head(schema="1")), "schema", 1, "整数"),
    ("name missing", doc(top=head(name=DROP)), "name", None, "缺少"),
    ("name blank", doc(top=head(name="   ")), "name", 2, "空"),
    ("name too long", doc(top=head(name="名" * 41)), "name", 2, "太长"),
    ("name with line break", doc(top=head(name="a\nb")), "name", 2, "控制字符"),
    ("unknown top-level key", doc(top=head(nmae="x")), "nmae", 3, "name"),
    ("unknown top-level table", doc(table("persons", sex="male")), "persons", 9, "person"),
    # person
    ("person missing", head(), "person", None, "[person]"),
    ("person not a table", head(person="male"), "person", 3, "表"),
    ("sex wrong", doc(who=person(sex="man")), "person.sex", 5, '"male"'),
    ("sex missing", doc(who=person(sex=DROP)), "person.sex", 4, "缺少"),
    ("birth an integer", doc(who=person(birth=1968)), "person.birth", 6, "整数"),
    ("birth a toml date", doc(who=person(birth=dt.date(1968, 5, 1))), "person.birth", 6, "日期"),
    ("birth not a real month", doc(who=person(birth="1968-13")), "person.birth", 6, "不是真实的月份"),
    ("birth badly written", doc(who=person(birth="1968-5")), "person.birth", 6, "YYYY-MM"),
    ("birth before 1900", doc(who=person(birth="1800-01")), "person.birth", 6, "1900"),
    ("region unknown", doc(who=person(region="jiangsu.xuzhuo")), "person.region", 7, "jiangsu.xuzhou"),
    ("region missing", doc(who=person(region=DROP)), "person.region", 4, "缺少"),
    ("unknown person key", doc(who=person(brith="1968-05")), "person.brith", 8, "birth"),
    ("man originally 55", doc(who=person(original_retirement_age=55)), "person.original_retirement_age", 8, "60"),
    ("woman originally 60", doc(who=person(sex="female", original_retirement_age=60)),
     "person.original_retirement_age", 8, "50"),
    ("age a boolean", doc(who=person(original_retirement_age=True)), "person.original_retirement_age", 8, "布尔值"),
    ("shift beyond 36", doc(who=person(retirement_shift_months=37)), "person.retirement_shift_months", 8, "36"),
    ("shift below original age", doc(who=person(retirement_shift_months=-12)),
     "person.retirement_shift_months", 8, "-11"),
    ("any early shift before the reform", doc(who=person(birth="1960-05", retirement_shift_months=-1)),
     "person.retirement_shift_months", 8, "0 到 36"),
    ("shift a float", doc(who=person(retirement_shift_months=1.5)), "person.retirement_shift_months", 8, "整数"),
    # account
    ("balance negative", doc(table("account", balance_yuan=-1)), "account.balance_yuan", 10, "负数"),
    ("balance three decimals", doc(table("account", balance_yuan=1.234)), "account.balance_yuan", 10, "两位小数"),
    ("balance infinite", doc(table("account", balance_yuan=float("inf"))), "account.balance_yuan", 10, "有限"),
    ("balance as text", doc(table("account", balance_yuan="5230.5")), "account.balance_yuan", 10, "数字"),
    ("as_of not a month", doc(table("account", as_of="2026-00")), "account.as_of", 10, "不是真实的月份"),
    ("unknown account key", doc(table("account", balance=1)), "account.balance", 10, "balance_yuan"),
    ("account not a table", doc(top=head(account=5)), "account", 3, "表"),
    # periods
    ("periods not an array", doc(top=head(periods="x")), "periods", 3, "[[periods]]"),
    ("insurance unknown", doc(period("medical")), "periods[0].insurance", 10, "employee_medical"),
    ("insurance missing", doc("\n[[periods]]\nstart = \"2000-01\"\n"), "periods[0].insurance", 9, "缺少"),
    ("start missing", doc("\n[[periods]]\ninsurance = \"pension\"\n"), "periods[0].start", 9, "缺少"),
    ("end not a real month", doc(period(), period(start="2020-01", end="2023-13")), "periods[1].end", 16,
     "第2段 职工医保（2020-01起）的结束月份（填写的是 \"2023-13\"）：不是真实的月份"),
    ("end before start", doc(period(start="2010-05", end="2010-04")), "periods[0].end", 12, "2010-05"),
    ("period region unknown", doc(period(region="shangai")), "periods[0].region", 12, "shanghai"),
    ("status on resident medical", doc(period("resident_medical", status="flexible")), "periods[0].status", 12,
     "居民医保"),
    ("status unknown", doc(period(status="self")), "periods[0].status", 12, '"flexible"'),
    ("mode on pension", doc(period("pension", mode="with_account")), "periods[0].mode", 12, "只有职工医保才有缴费方式"),
    ("mode unknown", doc(period(mode="account")), "periods[0].mode", 12, '"pooling_only"'),
    ("kind unknown", doc(period(kind="free")), "periods[0].kind", 12, '"backpaid"'),
    ("paid_on without backpaid", doc(period(paid_on="2024-05")), "periods[0].paid_on", 12, "只有补缴的时段"),
    ("paid_on with kind paid", doc(period(kind="paid", paid_on="2024-05")), "periods[0].paid_on", 13, "只有补缴的时段"),
    ("backpaid without paid_on", doc(period(kind="backpaid")), "periods[0].paid_on", 9, "缺少"),
    ("paid_on before start", doc(period(kind="backpaid", paid_on="1999-12")), "periods[0].paid_on", 13, "2000-01"),
    ("paid_on not a month", doc(period(kind="backpaid", paid_on="2024")), "periods[0].paid_on", 13, "YYYY-MM"),
    ("base zero", doc(period(base_yuan=0)), "periods[0].base_yuan", 12, "大于 0"),
    ("base as text", doc(period(base_yuan="6000")), "periods[0].base_yuan", 12, "数字"),
    ("base three decimals", doc(period(base_yuan=6000.001)), "periods[0].base_yuan", 12, "两位小数"),
    ("unknown period key", doc(period(ned="2001-01")), "periods[0].ned", 12, "end"),
    ("period before birth", doc(period(), period("pension", "1968-05")), "periods[1].start", 15, "1968-05"),
    # overlaps
    ("same insurance overlaps", doc(period(end="2010-12"), period(start="2010-12")), "periods[1].start", 16,
     "与第1段（职工医保，2000-01 至 2010-12）重叠"),
    ("employee and resident overlap", doc(period(end="2010-12"), period("resident_medical", "2005-01")),
     "periods[1].start", 16, "2000-01 至 2010-12"),
    ("ongoing period overlaps a later one", doc(period("resident_medical"), period(start="2015-01", end="2015-12")),
     "periods[1].start", 15, "未结束"),
    ("the later period is named even when written first", doc(period(start="2010-01"), period(start="2000-01", end="2012-12")),
     "periods[0].start", 11, "与第2段"),
    ("pension overlaps pension", doc(period("pension", end="2005-01"), period("pension", "2004-01")),
     "periods[1].start", 16, "同一险种"),
    # plans
    ("backpay not a boolean", doc(table("plans", backpay_at_retirement="yes")), "plans.backpay_at_retirement", 10, "布尔值"),
    ("emigrate not a month", doc(table("plans", emigrate="2031-00")), "plans.emigrate", 10, "不是真实的月份"),
    ("relocate unknown", doc(table("plans", relocate_after_retirement="guangdong.guangzou")),
     "plans.relocate_after_retirement", 10, "guangdong.guangzhou"),
    ("unknown plans key", doc(table("plans", emmigrate="2031-06")), "plans.emmigrate", 10, "emigrate"),
    # policy overrides
    ("unknown override", doc(table("policy_overrides", **{"medical.min_year.male": 25})),
     'policy_overrides."medical.min_year.male"', 10, "medical.min_years.male"),
    ("override a boolean", doc(table("policy_overrides", **{"medical.min_years.male": True})),
     'policy_overrides."medical.min_years.male"', 10, "数字"),
    ("override negative", doc(table("policy_overrides", **{"medical.min_actual_years": -1})),
     'policy_overrides."medical.min_actual_years"', 10, "负数"),
    ("override fraction above 1", doc(table("policy_overrides", **{"medical.rate.employer": 6})),
     'policy_overrides."medical.rate.employer"', 10, "0 到 1"),
    ("override not a number", doc(table("policy_overrides", **{"medical.backpay_base_yuan": "6000"})),
     'policy_overrides."medical.backpay_base_yuan"', 10, "数字"),
    ("override months not whole", doc(table("policy_overrides", **{"medical.long_gap_waiting_months": 2.5})),
     'policy_overrides."medical.long_gap_waiting_months"', 10, "月数（整数），不能带小数"),
]


@pytest.mark.parametrize(("text", "field", "line", "words"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused(text, field, line, words):
    with pytest.raises(ProfileError) as caught:
        parse_profile(text)
    err = caught.value
    assert err.field == field
    if line is not None:
        assert err.line == line
    assert words in err.message
    assert err.en and err.en != err.message  # an English version of the same message
    if field is not None:  # the field in words, never its path; the path stays in .field
        if "." in field or "[" in field:
            assert field not in err.message and field not in err.en
        assert not err.message[0] in "，。；：、,.;:" and not err.en[0] in ",.;:"


def test_error_text_names_file_line_field_and_value():
    text = doc(period(), period(start="2020-01", end="2023-13"))
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, source="me.toml")
    err = caught.value
    assert str(err) == err.text("zh", located=True) == (
        'me.toml 第 16 行：第2段 职工医保（2020-01起）的结束月份（填写的是 "2023-13"）：不是真实的月份，应为 YYYY-MM 格式（例如 2023-12）'
    )
    assert err.text("en", located=True) == (
        'me.toml, line 16: the last month of period 2 (employee medical from 2020-01) (found "2023-13"): not a real month; expected a month YYYY-MM (e.g. 2023-12)'
    )
    # without located: just the message, for callers that print the file and line themselves
    assert err.text() == err.message and err.text("en") == err.en
    assert "\n" not in str(err)


def test_syntax_error_keeps_line_and_column():
    with pytest.raises(ProfileError) as caught:
        parse_profile('schema = 1\nname = "x"\n\n[person]\nsex = male\n')
    assert (caught.value.line, caught.value.column) == (5, 7)
    assert "第 7 列" in caught.value.message and str(caught.value).startswith("第 5 行：")


def test_unknown_region_suggests_the_closest_ids():
    with pytest.raises(ProfileError) as caught:
        parse_profile(doc(who=person(region="jiangsu.xuzhuo")))
    assert "jiangsu.xuzhou" in caught.value.message and "yibao regions" in caught.value.message


def test_newer_schema_says_so_and_does_not_guess():
    with pytest.raises(ProfileError) as caught:
        parse_profile(doc(top=head(schema=7, newer_key="x")))  # a newer file may hold keys we do not know
    assert caught.value.field == "schema"
    assert "newer version of yibao" in caught.value.en


def test_line_of_an_inline_table():
    with pytest.raises(ProfileError) as caught:
        parse_profile(head() + 'person = { sex = "male", birth = "1968-13", region = "national" }\n')
    assert caught.value.field == "person.birth" and caught.value.line == 3


# --------------------------------------------------------------------------------------------------------------
# The 2025 reform delay, checked against the first and last rows of the official annex tables


@pytest.mark.parametrize(
    ("sex", "birth", "original", "delay"),
    [
        ("male", "1964-12", None, 0),
        ("male", "1965-01", 60, 1),
        ("male", "1965-04", None, 1),
        ("male", "1965-05", None, 2),
        ("male", "1976-09", None, 36),
        ("male", "1990-01", None, 36),
        ("female", "1969-12", None, 0),
        ("female", "1970-01", None, 1),  # women default to 55
        ("female", "1981-12", 55, 36),
        ("female", "1974-12", 50, 0),
        ("female", "1975-02", 50, 1),
        ("female", "1975-03", 50, 2),
        ("female", "1984-11", 50, 60),
        ("female", "1984-12", 50, 60),
    ],
)
def test_reform_delay_months(sex, birth, original, delay):
    assert reform_delay_months(sex, Month.parse(birth), original) == delay


# --------------------------------------------------------------------------------------------------------------
# Saving and loading files


@pytest.fixture
def xuzhou():
    return parse_profile(XUZHOU_MAN)


def test_save_then_load_gives_back_an_equal_profile(tmp_path, xuzhou):
    path = save_profile(xuzhou, tmp_path / "me.toml")
    assert path == tmp_path / "me.toml"
    assert load_profile(path) == xuzhou
    assert load_profile(str(path)) == xuzhou


def test_saved_file_is_readable_by_its_owner_only(tmp_path, xuzhou):
    path = save_profile(xuzhou, tmp_path / "me.toml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_creates_the_folder(tmp_path, xuzhou):
    path = save_profile(xuzhou, tmp_path / "new" / "folder" / "me.toml")
    assert load_profile(path) == xuzhou


def test_saving_twice_keeps_the_first_version_as_bak(tmp_path, xuzhou):
    path = tmp_path / "me.toml"
    save_profile(xuzhou, path)
    first = path.read_bytes()
    second = Profile(name="第二版", person=xuzhou.person, periods=xuzhou.periods[:1])
    save_profile(second, path)
    bak = tmp_path / "me.toml.bak"
    assert bak.read_bytes() == first
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600
    assert load_profile(path) == second
    assert sorted(os.listdir(tmp_path)) == ["me.toml", "me.toml.bak"]


def test_first_save_makes_no_bak(tmp_path, xuzhou):
    save_profile(xuzhou, tmp_path / "me.toml")
    assert os.listdir(tmp_path) == ["me.toml"]


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, xuzhou, monkeypatch):
    path = tmp_path / "me.toml"
    save_profile(xuzhou, path)
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ProfileError) as caught:
        save_profile(Profile(name="另一个", person=xuzhou.person), path)
    assert str(path) in caught.value.message
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["me.toml"]  # no temporary file left behind


def test_an_invalid_profile_is_not_saved(tmp_path, xuzhou):
    path = tmp_path / "me.toml"
    save_profile(xuzhou, path)
    before = path.read_bytes()
    bad = Profile(name="x", person=xuzhou.person, periods=xuzhou.periods + xuzhou.periods[:1])  # overlaps
    with pytest.raises(ProfileError) as caught:
        save_profile(bad, path)
    assert caught.value.field == "periods[4].start"
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["me.toml"]


def test_saving_onto_a_folder_fails_cleanly(tmp_path, xuzhou):
    (tmp_path / "me.toml").mkdir()
    with pytest.raises(ProfileError):
        save_profile(xuzhou, tmp_path / "me.toml")
    assert os.listdir(tmp_path) == ["me.toml"]


def test_loading_a_missing_file(tmp_path):
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ProfileError) as caught:
        load_profile(missing)
    assert caught.value.field is None and str(missing) in str(caught.value)
    assert not missing.exists()


def test_loading_a_folder(tmp_path):
    with pytest.raises(ProfileError):
        load_profile(tmp_path)


def test_load_errors_name_the_file(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(doc(who=person(birth="1968-13")), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert str(caught.value).startswith(f"{path} 第 6 行：出生年月（填写的是")


@pytest.mark.parametrize("text", [XUZHOU_MAN, doc(who=person(birth="1968-13")), "\xff not toml"], ids=["good", "invalid", "garbage"])
def test_loading_never_changes_the_file(tmp_path, text):
    path = tmp_path / "me.toml"
    path.write_bytes(text.encode("latin-1" if text.startswith("\xff") else "utf-8"))
    os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    before = (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path)))
    try:
        load_profile(path)
    except ProfileError:
        pass
    assert (path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(tmp_path))) == before


# --------------------------------------------------------------------------------------------------------------
# Property tests: nothing but a Profile or a ProfileError ever comes out of parse_profile


def parse_or_refuse(data) -> None:
    try:
        result = parse_profile(data)
    except ProfileError as err:
        assert isinstance(str(err), str) and isinstance(err.text("en"), str)
    else:
        assert isinstance(result, Profile)
        assert parse_profile(dump_profile(result)) == result


FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_any_text(text):
    parse_or_refuse(text)


@FAST
@given(st.binary())
def test_any_bytes(data):
    parse_or_refuse(data)


KNOWN_KEYS = sorted(
    {"schema", "name", "person", "account", "plans", "policy_overrides", "periods", "sex", "birth", "region",
     "original_retirement_age", "retirement_shift_months", "balance_yuan", "as_of", "insurance", "start", "end",
     "status", "mode", "kind", "paid_on", "base_yuan", "backpay_at_retirement", "emigrate",
     "relocate_after_retirement", "brith", "ned", *OVERRIDABLE}
)
month_texts = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1960, 2040), st.integers(1, 12)) | st.sampled_from(
    ["2023-13", "1800-01", "1968-5", "2000-00", ""]
)
plausible_strings = st.sampled_from(
    ["male", "female", "national", "jiangsu.xuzhou", "jiangsu.xuzhuo", "employed", "flexible", "with_account",
     "pooling_only", "paid", "deemed", "backpaid", "", *INSURANCES]
) | month_texts | st.text(max_size=10)
scalars = plausible_strings | st.integers(-100, 100) | st.integers() | st.floats() | st.booleans() | st.dates()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KNOWN_KEYS), inner, max_size=4),
    max_leaves=12,
)


def mostly(good):
    """Usually a plausible value for the key, sometimes anything at all."""
    return st.sampled_from([False] * 9 + [True]).flatmap(lambda wild: values if wild else good)


money = st.integers(-10, 10**7).map(lambda c: c / 100) | st.integers(-5, 10**5) | st.sampled_from([1.234, 0.0])
GOOD = {
    "sex": st.sampled_from(SEXES),
    "birth": month_texts,
    "region": st.sampled_from(REGION_IDS + ("jiangsu.xuzhuo",)),
    "original_retirement_age": st.sampled_from([50, 55, 60]),
    "retirement_shift_months": st.integers(-40, 40),
    "balance_yuan": money,
    "as_of": month_texts,
    "insurance": st.sampled_from(INSURANCES),
    "start": month_texts,
    "end": month_texts,
    "status": st.sampled_from(STATUSES),
    "mode": st.sampled_from(MODES),
    "kind": st.sampled_from(KINDS),
    "paid_on": month_texts,
    "base_yuan": money,
    "backpay_at_retirement": st.booleans(),
    "emigrate": month_texts,
    "relocate_after_retirement": st.sampled_from(REGION_IDS),
}


@st.composite
def fields(draw, required: tuple[str, ...], optional: tuple[str, ...]) -> dict:
    """A table with its required keys (nearly always), some optional ones and now and then a typo."""
    out = {k: draw(mostly(GOOD[k])) for k in required if draw(st.sampled_from([True] * 19 + [False]))}
    out.update(draw(st.fixed_dictionaries({}, optional={k: mostly(GOOD[k]) for k in optional})))
    if draw(st.sampled_from([False] * 19 + [True])):
        out[draw(st.sampled_from(KNOWN_KEYS))] = draw(values)
    return out


tomlish_documents = st.fixed_dictionaries(
    {
        "schema": mostly(st.sampled_from([1] * 10 + [0, 2])),
        "name": mostly(st.sampled_from(["张先生"] * 10 + [" ", "x" * 41, "a\tb"])),
        "person": fields(("sex", "birth", "region"), ("original_retirement_age", "retirement_shift_months")),
    },
    optional={
        "account": fields((), ("balance_yuan", "as_of")),
        "plans": fields((), ("backpay_at_retirement", "emigrate", "relocate_after_retirement")),
        "policy_overrides": st.dictionaries(
            st.sampled_from(sorted(OVERRIDABLE) + ["x"]), mostly(st.integers(0, 30) | st.floats(0, 2)), max_size=3
        ),
        "periods": st.lists(
            fields(("insurance", "start"), ("end", "region", "status", "mode", "kind", "paid_on", "base_yuan")),
            max_size=4,
        ),
    },
)


@FAST
@given(tomlish_documents)
def test_any_tomlish_document(document):
    parse_or_refuse(tomli_w.dumps(document))


# Valid profiles, built from the rules


def months_after(month: Month, low: int, high: int):
    return st.integers(low, high).map(lambda n: month + n)


yuan = st.integers(1, 10**9).map(lambda cents: cents / 100)


@st.composite
def timeline(draw, birth: Month, insurances: tuple[str, ...]) -> list[Period]:
    """A few periods one after another (never overlapping), the last possibly ongoing."""
    out = []
    cursor = birth + draw(st.integers(1, 300))
    count = draw(st.integers(0, 3))
    for n in range(count):
        insurance = draw(st.sampled_from(insurances))
        start = cursor + draw(st.integers(0, 24))
        ongoing = n == count - 1 and draw(st.booleans())
        end = None if ongoing else start + draw(st.integers(0, 240))
        kind = draw(st.none() | st.sampled_from(KINDS))
        out.append(
            Period(
                insurance=insurance,
                start=start,
                end=end,
                region=draw(st.none() | st.sampled_from(REGION_IDS)),
                status=None if insurance == "resident_medical" else draw(st.none() | st.sampled_from(
                    STATUSES if insurance == "employee_medical" else tuple(s for s in STATUSES if s != "unemployed"))),
                mode=draw(st.none() | st.sampled_from(MODES)) if insurance == "employee_medical" else None,
                kind=kind,
                paid_on=draw(months_after(start, 0, 400)) if kind == "backpaid" else None,
                base_yuan=draw(st.none() | yuan),
            )
        )
        cursor = (end if end is not None else start) + 1
    return out


def override_value(name: str):
    """A valid override of ``name``: within its declared bounds, a whole number where its type is integer."""
    from engine.data.params import DECLARATIONS

    d = DECLARATIONS[name]
    if d.unit == "fraction":
        return st.integers(0, 100).map(lambda n: n / 100) | st.sampled_from([0, 1])
    if d.type == "integer":
        return st.integers(int(d.min or 0), int(d.max if d.max is not None else 10**6))
    high = d.max if d.max is not None else 1e6
    return st.integers(0, int(high)) | st.floats(0, high)


@st.composite
def valid_profiles(draw) -> Profile:
    sex = draw(st.sampled_from(SEXES))
    birth = Month.of(draw(st.integers(1950, 2005)), draw(st.integers(1, 12)))
    original = draw(st.none() | st.sampled_from((60,) if sex == "male" else (50, 55)))
    delay = reform_delay_months(sex, birth, original)
    person_ = Person(
        sex=sex,
        birth=birth,
        region=draw(st.sampled_from(REGION_IDS)),
        original_retirement_age=original,
        retirement_shift_months=draw(st.none() | st.integers(-min(delay, 36), 36)),
    )
    periods = draw(timeline(birth, ("employee_medical", "resident_medical"))) + draw(timeline(birth, ("pension",)))
    overrides = draw(st.lists(st.sampled_from(sorted(OVERRIDABLE)), unique=True, max_size=4))
    name = draw(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(str.strip)
    )
    return Profile(
        name=name,
        person=person_,
        periods=tuple(draw(st.permutations(periods))),
        account=draw(st.none() | st.builds(Account, st.none() | yuan | st.just(0.0), st.none() | st.builds(Month, st.integers(24000, 25000)))),
        plans=draw(st.none() | st.builds(
            Plans,
            st.none() | st.booleans(),
            st.none() | st.builds(Month, st.integers(24000, 25000)),
            st.none() | st.sampled_from(REGION_IDS),
        )),
        policy_overrides=tuple((k, draw(override_value(k))) for k in overrides),
    )


@FAST
@given(valid_profiles())
def test_valid_profiles_dump_and_parse_back_equal(profile):
    assert parse_profile(dump_profile(profile)) == profile


@FAST
@given(valid_profiles())
def test_a_profiles_tables_are_what_reading_its_text_gives(profile):
    """The profile pane lays its fields over ``profile_tables`` instead of writing the profile and reading it."""
    from engine import profile_tables

    assert profile_tables(profile) == tomllib.loads(dump_profile(profile))


@settings(max_examples=30, deadline=None)
@given(valid_profiles())
def test_valid_profiles_save_and_load_back_equal(profile):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        assert load_profile(save_profile(profile, path)) == profile
        assert load_profile(save_profile(profile, path)) == profile  # over an existing file, with a .bak
