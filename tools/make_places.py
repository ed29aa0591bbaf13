"""Build engine/places.json: every province and prefecture-level place of the mainland, with its code, names and
pinyin, from the official administrative division codes.

Source: the repository modood/Administrative-divisions-of-China (dist/provinces.json, dist/cities.json), which
publishes the 国家统计局 统计用区划代码 (the prefecture level of these codes is the 民政部 / GB/T 2260 list).
Run it at build time only (pypinyin is needed here, never by the app)::

    git -C MIRROR show HEAD:dist/provinces.json > /tmp/provinces.json
    git -C MIRROR show HEAD:dist/cities.json > /tmp/cities.json
    python tools/make_places.py /tmp/provinces.json /tmp/cities.json --commit SHA > engine/places.json

Ids are ``province.city`` in pinyin without tones; a province's id is fixed by its code (``shaanxi`` for 陕西,
``shanxi`` for 山西, ``neimenggu``, ``xizang`` …). The ids used before this file existed are kept exactly.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from pypinyin import Style, lazy_pinyin

#: code prefix → (id, English name); the municipalities are provinces
PROVINCES = {
    "11": ("beijing", "Beijing"), "12": ("tianjin", "Tianjin"), "13": ("hebei", "Hebei"),
    "14": ("shanxi", "Shanxi"), "15": ("neimenggu", "Inner Mongolia"), "21": ("liaoning", "Liaoning"),
    "22": ("jilin", "Jilin"), "23": ("heilongjiang", "Heilongjiang"), "31": ("shanghai", "Shanghai"),
    "32": ("jiangsu", "Jiangsu"), "33": ("zhejiang", "Zhejiang"), "34": ("anhui", "Anhui"),
    "35": ("fujian", "Fujian"), "36": ("jiangxi", "Jiangxi"), "37": ("shandong", "Shandong"),
    "41": ("henan", "Henan"), "42": ("hubei", "Hubei"), "43": ("hunan", "Hunan"),
    "44": ("guangdong", "Guangdong"), "45": ("guangxi", "Guangxi"), "46": ("hainan", "Hainan"),
    "50": ("chongqing", "Chongqing"), "51": ("sichuan", "Sichuan"), "52": ("guizhou", "Guizhou"),
    "53": ("yunnan", "Yunnan"), "54": ("xizang", "Xizang (Tibet)"), "61": ("shaanxi", "Shaanxi"),
    "62": ("gansu", "Gansu"), "63": ("qinghai", "Qinghai"), "64": ("ningxia", "Ningxia"),
    "65": ("xinjiang", "Xinjiang"),
}
MUNICIPALITIES = {"11", "12", "31", "50"}
#: readings pypinyin gets wrong for these place names (checked by hand), short name → syllables
READINGS = {"六安": ["lu", "an"], "蚌埠": ["beng", "bu"], "长治": ["chang", "zhi"], "丽水": ["li", "shui"],
            "亳州": ["bo", "zhou"], "台州": ["tai", "zhou"], "东莞": ["dong", "guan"], "阿坝": ["a", "ba"],
            "番禺": ["pan", "yu"], "乐山": ["le", "shan"], "大理": ["da", "li"], "朝阳": ["chao", "yang"],
            "巴音郭楞": ["ba", "yin", "guo", "leng"], "长春": ["chang", "chun"], "长沙": ["chang", "sha"],
            "重庆": ["chong", "qing"], "厦门": ["xia", "men"], "济南": ["ji", "nan"], "济宁": ["ji", "ning"],
            "漯河": ["luo", "he"], "锡林郭勒": ["xi", "lin", "guo", "le"], "克孜勒苏": ["ke", "zi", "le", "su"],
            "阿勒泰": ["a", "le", "tai"], "昌都": ["chang", "du"]}
#: English names that differ from the pinyin, by short name
ENGLISH = {"哈尔滨": "Harbin", "呼和浩特": "Hohhot", "乌鲁木齐": "Urumqi", "拉萨": "Lhasa"}
ETHNIC = "朝鲜|土家|苗|藏|羌|彝|布依|侗|哈尼|壮|傣|白|景颇|傈僳|回|蒙古|哈萨克|柯尔克孜"
KIND = [("自治州", "prefecture"), ("地区", "prefecture"), ("盟", "league"), ("市", "city")]
KIND_EN = {"prefecture": " Prefecture", "league": " League", "city": ""}


def short(name: str) -> tuple[str, str]:
    """(short name, kind): 成都市 → (成都, city); 延边朝鲜族自治州 → (延边, prefecture); 兴安盟 → (兴安, league)."""
    m = re.match(rf"(.+?)({ETHNIC})族?.*自治州$", name)
    if m:
        return m.group(1), "prefecture"
    for suffix, kind in KIND:
        if name.endswith(suffix) and len(name) > len(suffix) + 1 - (suffix == "市"):
            return name[: -len(suffix)], kind
    return name, "city"


def syllables(short_name: str) -> list[str]:
    return READINGS.get(short_name) or lazy_pinyin(short_name, style=Style.NORMAL)


def english(sylls: list[str]) -> str:
    """Syllables joined, an apostrophe before one that starts with a vowel: xi an → Xi'an."""
    out = sylls[0]
    for s in sylls[1:]:
        out += ("'" if s[0] in "aoe" else "") + s
    out = out.replace("lv", "lü").replace("nv", "nü")
    return out[:1].upper() + out[1:]


def build(provinces: list[dict], cities: list[dict], commit: str) -> dict:
    places = [{"id": "national", "code": None, "zh": "全国通用", "short": "全国", "pinyin": "quan guo",
               "en": "National (general rules)", "level": "national"}]
    prov_names = {}
    for p in provinces:
        code = str(p["code"])[:2]
        if code not in PROVINCES:
            continue  # 台湾, 香港, 澳门: other insurance systems
        pid, en = PROVINCES[code]
        zh = p["name"]
        sname = re.sub(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$", "", zh)
        prov_names[code] = (pid, en)
        places.append({"id": pid, "code": code.ljust(6, "0"), "zh": zh, "short": sname,
                       "pinyin": " ".join(syllables(sname)), "en": en, "level": "province"})
    seen: set[str] = set()
    for c in cities:
        code = str(c["code"]).ljust(6, "0")
        prov = code[:2]
        if prov not in prov_names or prov in MUNICIPALITIES or "直辖" in c["name"] or c["name"] in ("市辖区", "县"):
            continue
        pid, pen = prov_names[prov]
        sname, kind = short(c["name"])
        sylls = syllables(sname)
        rid = f"{pid}.{''.join(sylls)}"
        if rid in seen:
            raise SystemExit(f"duplicate id {rid} ({c['name']})")
        seen.add(rid)
        places.append({"id": rid, "code": code, "zh": c["name"], "short": sname, "pinyin": " ".join(sylls),
                       "en": f"{ENGLISH.get(sname) or english(sylls)}{KIND_EN[kind]}, {pen}", "level": kind})
    return {
        "source": "国家统计局 统计用区划代码（2023年，截止2023-06-30，发布2023-09-11），地级及以上；"
                  "地级以上的代码与民政部 / GB/T 2260 的行政区划代码一致",
        "source_en": "National Bureau of Statistics division codes (2023 edition, as of 2023-06-30, published "
                     "2023-09-11), prefecture level and above; these codes are those of the Ministry of Civil "
                     "Affairs / GB/T 2260",
        "repository": "https://github.com/modood/Administrative-divisions-of-China",
        "files": ["dist/provinces.json", "dist/cities.json"],
        "commit": commit,
        "date": "2023-06-30",
        "generator": "tools/make_places.py",
        "places": places,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("provinces")
    ap.add_argument("cities")
    ap.add_argument("--commit", default="unknown")
    args = ap.parse_args(argv)
    with open(args.provinces, encoding="utf-8") as fh:
        provinces = json.load(fh)
    with open(args.cities, encoding="utf-8") as fh:
        cities = json.load(fh)
    data = build(provinces, cities, args.commit)
    places = data.pop("places")
    head = json.dumps(data, ensure_ascii=False, indent=1)[:-2]  # one place a line: small diffs, easy to read
    rows = ",\n".join("  " + json.dumps(p, ensure_ascii=False) for p in places)
    sys.stdout.write(f'{head},\n "places": [\n{rows}\n ]\n}}\n')
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
