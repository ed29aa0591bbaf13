"""Region files: one file per place, checked against the declarations; sources cited by id; disagreeing sources
kept side by side; the user's own local figures (issues 7 item 2 and 8 items 2–3)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from engine import evaluate, parse_profile
from engine.data import i18n
from engine.data import policy
from engine.data.glossary import step_text
from engine.data.policy import PolicyError, parse_region_file
from engine.evaluation.questions import conflicting_sources, questions
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "engine" / "policy"
AS_OF = date(2026, 11, 22)


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    folder = tmp_path / "regions"
    monkeypatch.setenv("YIBAO_REGIONS", str(folder))
    policy.reload()
    yield folder
    monkeypatch.undo()
    policy.reload()


@pytest.fixture
def bundled_copy(tmp_path):
    folder = tmp_path / "policy"
    shutil.copytree(POLICY, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    policy.set_bundled_folder(folder)
    yield folder
    policy.set_bundled_folder(None)


def profile(region: str, sex: str = "female", birth: str = "1972-03", extra: str = "") -> str:
    return (f'schema = 1\nname = "测试"\n[person]\nsex = "{sex}"\nbirth = "{birth}"\nregion = "{region}"\n'
            f'[[periods]]\ninsurance = "employee_medical"\nstart = "1992-07"\nend = "2008-06"\n'
            f'[[periods]]\ninsurance = "employee_medical"\nstart = "2015-01"\nstatus = "flexible"\n{extra}')


# --- bundled files --------------------------------------------------------------------------------------------------
def test_every_bundled_region_file_loads_against_the_declarations():
    files = [p for p in POLICY.glob("*.toml") if p.stem not in ("params", "sources")]
    assert len(files) >= 56
    for path in files:
        data = parse_region_file(path, check_stem=True)
        assert data.id == path.stem
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        assert "name" not in raw and "name_en" not in raw, path  # names come with the list of places
        for entries in data.params.values():
            for _, v in entries:
                # a web article's address was never recorded: it is named as such, with no address
                assert v.source and (v.ref is not None or v.source_id == "local_rules" or v.source_id.startswith("seed_")), \
                    (path, v.name)
                if v.value is None:
                    assert v.note and v.note_en, (path, v.name)


def test_each_address_is_written_once_and_every_cited_source_exists():
    table = tomllib.loads((POLICY / "sources.toml").read_text(encoding="utf-8"))
    addresses = Counter(d["address"] for d in table.values() if "address" in d)
    assert [a for a, n in addresses.items() if n > 1] == []
    for path in POLICY.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if path.stem != "sources":
            assert "ref = " not in text and "https://" not in text.split("[[param]]", 1)[-1].replace("quote", ""), path
    from engine.data import sources

    assert sources.GUANGDONG_2022_6.ref == table["guangdong_2022_6"]["address"]  # the official address
    assert sources.GUANGDONG_2022_6.read_at == table["guangdong_2022_6"]["read_at"]  # and the page read
    assert sources.SIL_27.ref == table["social_insurance_law"]["read_at"]  # no official address: the page read
    assert sources.SIL_27.read_at is None


@pytest.mark.parametrize("body, expected", [
    pytest.param('[[param]]\nname = "medical.min_yeras.male"\nfrom = "2020-01-01"\nvalue = 25\nconfidence = "official"\n'
                 'source = "social_insurance_law"\n', "undeclared", id="undeclared-name"),
    pytest.param('[[param]]\nname = "medical.min_years.male"\nfrom = "2020-01-01"\nvalue = 25.0\nconfidence = "official"\n'
                 'source = "social_insurance_law"\n', "integer", id="wrong-type"),
    pytest.param('[[param]]\nname = "medical.min_years.male"\nfrom = "2020-01-01"\nvalue = 250\nconfidence = "official"\n'
                 'source = "social_insurance_law"\n', "above_max", id="out-of-bounds"),
    pytest.param('[[param]]\nname = "medical.min_years.male"\nfrom = "2020-01-01"\nvalue = 25\nconfidence = "official"\n'
                 'source = "nowhere"\n', "unknown_source", id="unknown-source"),
    pytest.param('[[param]]\nname = "medical.min_years.male"\nfrom = "2020-01-01"\nvalue = 25\nconfidence = "sure"\n'
                 'source = "social_insurance_law"\n', "bad_confidence", id="bad-confidence"),
    pytest.param('name = "四川"\n', "unknown_top_keys", id="a-name-in-the-file"),
])
def test_a_bad_region_file_fails_loudly(tmp_path, body, expected):
    path = tmp_path / "sichuan.toml"
    path.write_text('id = "sichuan"\n' + body, encoding="utf-8")
    with pytest.raises(PolicyError) as err:
        parse_region_file(path)
    assert err.value.message.id == expected
    for lang in i18n.LANGS:
        assert "sichuan.toml" in err.value.text(lang)


def test_a_new_region_file_registers_its_place(bundled_copy, capsys):
    (bundled_copy / "sichuan.leshan.toml").write_text(
        'id = "sichuan.leshan"\nsummary = "测试用"\n\n[[param]]\nname = "medical.min_years.female"\nfrom = "2020-01-01"\n'
        'value = 22\nconfidence = "unverified"\nsource = "local_rules"\n', encoding="utf-8")
    policy.reload()
    assert "sichuan.leshan" in policy.data_regions()
    assert main(["regions", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert "sichuan.leshan" in [r["id"] for r in rows]
    path = bundled_copy / "leshan.toml"
    path.write_text(profile("sichuan.leshan"), encoding="utf-8")
    assert main(["check", str(path), "--format", "json", "--as-of", "2026-11-22"]) == 0
    report = json.loads(capsys.readouterr().out)
    steps = []

    def walk(items):
        for s in items:
            steps.append(s)
            walk(s["children"])

    walk(report["decisions"]["medical_years"]["trace"])
    found = [s for s in steps if s["rule"] == "param:medical.min_years.female"]
    assert found and found[0]["result"] == 22 and found[0]["inputs"]["region"] == "sichuan.leshan"


# --- second-round data ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, region, at, value, confidence", [
    pytest.param("medical.min_years.male", "shanghai", date(2030, 1, 1), 15, "official", id="shanghai-15-years"),
    pytest.param("medical.flexible_first_waiting_months", "shanghai", date(2026, 1, 1), 6, "official",
                 id="shanghai-waiting-2025-7"),
    pytest.param("medical.flexible_rate.with_account", "shanghai", date(2026, 1, 1), 0.10, "official",
                 id="shanghai-flexible-rate"),
    pytest.param("medical.min_base_yuan", "shanghai", date(2026, 8, 1), 7546, "official", id="shanghai-base"),
    pytest.param("wage.average_monthly_yuan", "sichuan.chengdu", date(2025, 10, 1), 7646, "official",
                 id="sichuan-2025-39"),
    pytest.param("wage.average_monthly_yuan", "sichuan", date(2026, 10, 1), 7831, "secondary", id="sichuan-2026"),
    pytest.param("medical.flexible_fixed_monthly_yuan", "beijing", date(2026, 8, 1), 593.68, "secondary",
                 id="beijing-flexible-fixed"),
    pytest.param("medical.min_base_yuan", "henan.kaifeng", date(2026, 8, 1), 3912, "secondary", id="henan-base"),
    pytest.param("wage.average_monthly_yuan", "liaoning", date(2026, 8, 1), 7555, "secondary",
                 id="liaoning-average-from-lower"),
    pytest.param("medical.min_years.male", "hubei.jingzhou", date(2026, 1, 1), 30, "unverified", id="jingzhou"),
    pytest.param("medical.min_years.male", "hubei.suizhou", date(2028, 3, 1), 28, "unverified", id="suizhou-rising"),
    pytest.param("medical.min_years.male", "shandong.taian", date(2026, 3, 1), 30, "unverified", id="taian-2026"),
    pytest.param("medical.min_years.male", "guangdong.zhuhai", date(2030, 3, 1), 30, "official", id="zhuhai-2030"),
])
def test_second_round_figures(name, region, at, value, confidence):
    found = policy.lookup(name, region, at)
    assert found.value == value and found.confidence == confidence


def test_every_province_has_a_base_range_and_an_average_wage():
    provinces = ["beijing", "shanghai", "tianjin", "chongqing", "hebei", "shanxi", "neimenggu", "liaoning", "jilin",
                 "heilongjiang", "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan", "hubei",
                 "hunan", "guangdong", "guangxi", "hainan", "guizhou", "xizang", "shaanxi", "gansu",
                 "qinghai", "ningxia", "xinjiang"]  # yunnan: not found; sichuan: each city sets its medical base
    for p in provinces:
        low = policy.lookup("medical.min_base_yuan", p, date(2026, 10, 1))
        wage = policy.lookup("wage.average_monthly_yuan", p, date(2026, 10, 1))
        assert low.known and wage.known and low.region == p == wage.region, p
        assert "养老" in low.note or "医保局" in low.note, p  # mostly pension ranges; Hunan's is the medical notice
    sichuan = policy.lookup("medical.min_base_yuan", "sichuan", date(2026, 10, 1))
    assert not sichuan.known and sichuan.region == "sichuan" and "各市" in sichuan.note


def test_disagreeing_sources_both_kept_and_the_stricter_used():
    found = policy.lookup("medical.min_years.male", "tianjin", date(2030, 1, 1))
    assert found.value == 30 and [a.value for a in found.alternatives] == [25]
    shaoxing = policy.lookup("medical.min_years.male", "zhejiang.shaoxing", date(2030, 1, 1))
    assert shaoxing.value == 25 and shaoxing.confidence == "unverified"
    assert [(a.value, a.region, a.confidence) for a in shaoxing.alternatives] == [(20, "zhejiang", "official")]
    report = evaluate(parse_profile(profile("tianjin", sex="male", birth="1968-05")), AS_OF)
    assert conflicting_sources(report) == ["medical.min_years.male"]
    step = next(s for s in report.decisions["medical_years"].trace[0].walk() if s.rule == "param:medical.min_years.male") \
        if report.decisions["medical_years"].trace else None
    steps = [s for t in report.decisions["medical_years"].trace for s in t.walk()]
    step = next(s for s in steps if s.rule == "param:medical.min_years.male")
    assert step.inputs["alternatives"][0]["value"] == 25
    note = step.children[0]
    assert note.rule == "param.conflict"
    assert "较严格" in step_text(note, "zh") and "stricter" in step_text(note, "en")
    assert report.facts("medical_years")["required_months"] == 360


def test_unverified_is_marked_to_verify():
    assert "unverified" in policy.NEEDS_VERIFY
    report = evaluate(parse_profile(profile("hubei.jingzhou")), AS_OF)
    assert any(v["confidence"] == "unverified" for v in report.to_verify())


# --- the user's local figures ----------------------------------------------------------------------------------------
def test_write_user_region_is_atomic_private_and_used_by_every_profile(user_folder, capsys):
    path = policy.write_user_region("sichuan.chengdu", {
        "medical.min_years.female": (25, "成都市医保局窗口答复", "2026-06-01"),
        "medical.backpay_base_yuan": (7831, "12393 电话", date(2026, 6, 2)),
    })
    assert path == user_folder / "sichuan.chengdu.toml"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and stat.S_IMODE(os.stat(user_folder).st_mode) == 0o700
    found = policy.lookup("medical.min_years.female", "sichuan.chengdu", date(2030, 1, 1))
    assert found.value == 25 and found.confidence == "user" and found.learned_on == "2026-06-01"
    report = evaluate(parse_profile(profile("sichuan.chengdu")), AS_OF)
    steps = [s for t in report.decisions["medical_years"].trace for s in t.walk()]
    step = next(s for s in steps if s.rule == "param:medical.min_years.female")
    assert step.inputs["confidence"] == "user" and step.inputs["user_region"] is True
    assert main(["regions", "--format", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["sichuan.chengdu"]["user"] is True and rows["sichuan.chengdu"]["sourcing"]["user"] == 2
    # a second write keeps the figures already there
    policy.write_user_region("sichuan.chengdu", {"medical.min_local_years": (15, "12393", "2026-06-03")})
    assert policy.lookup("medical.min_years.female", "sichuan.chengdu", date(2030, 1, 1)).value == 25


@pytest.mark.parametrize("values, expected", [
    ({"medical.min_years.female": (25.0, "窗口", "2026-06-01")}, "integer"),
    ({"medical.min_years.female": (25, "", "2026-06-01")}, "user_no_source"),
    ({"medical.min_years.female": (25, "窗口", "June")}, "user_no_learned_on"),
    ({"medical.min_yeras.female": (25, "窗口", "2026-06-01")}, "undeclared"),
    ({"medical.rate.employer": (float("nan"), "窗口", "2026-06-01")}, "not_finite"),
])
def test_write_user_region_refuses_a_bad_figure_and_writes_nothing(user_folder, values, expected):
    with pytest.raises(PolicyError) as err:
        policy.write_user_region("sichuan.chengdu", values)
    assert err.value.message.id == expected
    assert not (user_folder / "sichuan.chengdu.toml").exists()


def test_regions_add_validates_then_installs(user_folder, tmp_path, capsys):
    bad = tmp_path / "成都.toml"
    bad.write_text('id = "sichuan.chengdu"\n[[param]]\nname = "medical.min_local_years"\nvalue = 15.0\n'
                   'source = "12393"\nlearned_on = "2026-06-01"\n', encoding="utf-8")
    assert main(["regions", "add", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "其中本地实际缴费最低年限" in err and "6.0" in err and "Traceback" not in err
    assert not user_folder.exists() or not list(user_folder.iterdir())
    good = tmp_path / "good.toml"
    good.write_text(bad.read_text(encoding="utf-8").replace("15.0", "15"), encoding="utf-8")
    assert main(["regions", "add", str(good), "--lang", "en"]) == 0
    assert "installed" in capsys.readouterr().out
    assert (user_folder / "sichuan.chengdu.toml").exists()
    assert policy.lookup("medical.min_local_years", "sichuan.chengdu", date(2030, 1, 1)).value == 15
    assert main(["regions", "add", str(tmp_path / "missing.toml")]) == 2


def test_questions_one_per_unknown_figure_in_plain_words(user_folder, tmp_path, capsys):
    report = evaluate(parse_profile(profile("national")), AS_OF)
    zh, en = questions(report, "zh"), questions(report, "en")
    assert len(zh) == len(en) >= 2
    assert any("女职工退休时" in q for q in zh)
    for q in zh + en:
        assert "medical." not in q and "account." not in q and "None" not in q
    path = tmp_path / "p.toml"
    path.write_text(profile("national"), encoding="utf-8")
    assert main(["check", str(path), "--questions", "--as-of", "2026-11-22"]) == 0
    out = capsys.readouterr().out
    assert "12393" in out and zh[0] in out
    # a figure the user entered is no longer asked
    policy.write_user_region("national", {"medical.min_years.female": (25, "窗口", "2026-06-01")})
    again = questions(evaluate(parse_profile(profile("national")), AS_OF), "zh")
    assert not any("女职工退休时" in q for q in again)
