"""The list of places (engine/places.json, from the official division codes) and the search over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.data import places as regions
from engine.data.places import REGION_IDS, chain, cross_province, region_name, search, suggest
from engine.data.policy import is_known

ROOT = Path(__file__).resolve().parent.parent
#: the ids the bundled data files and examples used before the list existed: they must stay exactly
OLD_IDS = ("national", "beijing", "shanghai", "zhejiang", "jiangsu", "jiangsu.xuzhou", "shandong.jining",
           "shandong.taian", "heilongjiang.mudanjiang", "guangdong", "guangdong.guangzhou", "guangdong.shenzhen",
           "guangdong.huizhou", "guangdong.zhaoqing", "shanxi.yangquan", "shaanxi.xian", "liaoning.fuxin",
           "liaoning.panjin", "fujian.xiamen", "hubei.wuhan", "chongqing")


def test_the_file_names_its_source_date_and_the_code_of_each_place():
    src = regions.source()
    assert "GB/T 2260" in src["source"] and src["date"] == "2023-06-30"
    assert src["repository"].endswith("modood/Administrative-divisions-of-China") and len(src["commit"]) == 40
    every = regions.places()
    assert all(p.code and len(p.code) == 6 and p.code.isdigit() for rid, p in every.items() if rid != "national")
    assert len({p.code for p in every.values()}) == len(every)


def test_all_provinces_and_every_prefecture_level_place():
    provinces = [rid for rid in REGION_IDS if "." not in rid and rid != "national"]
    cities = [rid for rid in REGION_IDS if "." in rid]
    assert len(provinces) == 31 and len(cities) >= 330
    assert {"beijing", "shanghai", "tianjin", "chongqing", "neimenggu", "xizang", "xinjiang", "guangxi", "ningxia",
            "heilongjiang", "shaanxi", "shanxi"} <= set(provinces)
    # autonomous prefectures, leagues and 地区 are there too
    assert {"jilin.yanbian", "neimenggu.xingan", "heilongjiang.daxinganling", "sichuan.liangshan"} <= set(cities)
    assert all(regions.province_of(c) in provinces for c in cities)
    assert REGION_IDS[0] == "national"


@pytest.mark.parametrize("rid", OLD_IDS)
def test_every_id_used_before_is_kept(rid):
    assert is_known(rid)


def test_every_id_in_the_examples_and_data_files_is_known():
    import tomllib

    for path in sorted((ROOT / "profiles").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        used = [doc["person"]["region"]] + [p["region"] for p in doc.get("periods", []) if "region" in p]
        assert all(is_known(r) for r in used), path.name
    for path in (ROOT / "engine" / "policy").glob("*.toml"):
        if path.stem not in ("params", "sources"):  # the declarations and the table of sources
            assert is_known(path.stem), path.name


@pytest.mark.parametrize("rid, zh, en", [
    ("sichuan.chengdu", "成都市", "Chengdu, Sichuan"),
    ("hubei.jingzhou", "荆州市", "Jingzhou, Hubei"),
    ("shaanxi.xian", "西安市", "Xi'an, Shaanxi"),
    ("shandong.taian", "泰安市", "Tai'an, Shandong"),
    ("shanxi", "山西省", "Shanxi"),
    ("shaanxi", "陕西省", "Shaanxi"),
    ("neimenggu", "内蒙古自治区", "Inner Mongolia"),
    ("jilin.yanbian", "延边朝鲜族自治州", "Yanbian Prefecture, Jilin"),
    ("henan.luohe", "漯河市", "Luohe, Henan"),  # pypinyin says "ta": the generator corrects it
    ("national", "全国通用", "National (general rules)"),
])
def test_names_in_both_languages(rid, zh, en):
    assert region_name(rid) == zh and region_name(rid, "en") == en


def test_an_unknown_id_is_shown_as_it_is():
    assert region_name("mars.base") == "mars.base" and not is_known("mars.base") and not is_known(None)


@pytest.mark.parametrize("query", ["成都", "成都市", "chengdu", "Chengdu", "CHENGDU", "cheng du", "四川成都",
                                   "sichuan.chengdu", "cd"])
def test_search_finds_chengdu(query):
    assert "sichuan.chengdu" in search(query)


def test_search_exact_matches_come_first():
    assert search("成都")[0] == "sichuan.chengdu"
    assert search("chengdu")[0] == "sichuan.chengdu"
    assert search("xian")[0] == "shaanxi.xian"
    assert search("Harbin")[0] == search("haerbin")[0] == "heilongjiang.haerbin"


def test_search_a_province_brings_its_cities():
    found = search("sichuan")
    assert found[0] == "sichuan" and "sichuan.chengdu" in found and "sichuan.liangshan" in found
    assert search("四川")[0] == "sichuan"
    # 山西 and 陕西 are both "shanxi" in pinyin: both provinces are offered
    assert {"shanxi", "shaanxi"} <= set(search("shanxi")[:2])


def test_search_empty_gives_everything_and_nonsense_nothing():
    assert search("") == list(REGION_IDS)
    assert search("zzzzqqq") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_search_never_fails(query):
    found = search(query)
    assert all(is_known(r) for r in found) and len(found) == len(set(found))


def test_chain_falls_back_to_province_then_national():
    assert chain("sichuan.chengdu") == ("sichuan.chengdu", "sichuan", "national")
    assert cross_province("sichuan.chengdu", "hubei.wuhan") and not cross_province("sichuan.chengdu", "sichuan")


def test_suggest_by_spelling_pinyin_and_chinese():
    assert suggest("jiangsu.xuzhuo")[0] == "jiangsu.xuzhou"
    assert "shandong.jining" in suggest("jining")
    assert suggest("chengdu")[0] == "sichuan.chengdu"
    assert suggest("成都")[0] == "sichuan.chengdu"
    assert "shanghai" in suggest("shangai")


def test_a_place_without_a_data_file_is_known_and_falls_back():
    from datetime import date

    from engine.data import policy

    assert is_known("hubei.xiaogan") and not (ROOT / "engine" / "policy" / "hubei.xiaogan.toml").exists()
    found = policy.lookup("pension.min_months", "hubei.xiaogan", date(2026, 1, 1))
    assert found.value == 180 and found.region in ("hubei", "national")
    assert policy.region_data("hubei.xiaogan").name == "孝感市"


def test_the_profile_accepts_any_place():
    from engine import parse_profile

    text = 'schema = 1\nname = "x"\n[person]\nsex = "female"\nbirth = "1972-09"\nregion = "sichuan.chengdu"\n'
    assert parse_profile(text).person.region == "sichuan.chengdu"


def test_the_data_file_is_what_the_generator_writes():
    """The generator is committed beside the file: its id rules are those the file follows."""
    import importlib.util

    if importlib.util.find_spec("pypinyin") is None:
        pytest.skip("pypinyin (build time only) is not installed")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_places
    finally:
        sys.path.pop(0)
    data = json.loads((ROOT / "engine" / "places.json").read_text(encoding="utf-8"))
    rebuilt_ids = [p["id"] for p in data["places"]]
    assert make_places.short("延边朝鲜族自治州") == ("延边", "prefecture")
    assert make_places.english(["xi", "an"]) == "Xi'an"
    assert len(rebuilt_ids) == len(set(rebuilt_ids))
