"""The regions the engine knows (RULES.md, "Regions to bundle"). Ids are fixed: ``province`` or ``province.city``.

A lookup falls back from city to province to ``national``; two regions are in different provinces when the
first parts of their ids differ.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

#: id → (Chinese name, English name)
REGIONS: dict[str, tuple[str, str]] = {
    "national": ("全国通用", "National (general rules)"),
    "beijing": ("北京市", "Beijing"),
    "shanghai": ("上海市", "Shanghai"),
    "zhejiang": ("浙江省", "Zhejiang"),
    "jiangsu": ("江苏省", "Jiangsu"),
    "jiangsu.xuzhou": ("徐州市", "Xuzhou, Jiangsu"),
    "shandong.jining": ("济宁市", "Jining, Shandong"),
    "shandong.taian": ("泰安市", "Tai'an, Shandong"),
    "heilongjiang.mudanjiang": ("牡丹江市", "Mudanjiang, Heilongjiang"),
    "guangdong": ("广东省", "Guangdong"),
    "guangdong.guangzhou": ("广州市", "Guangzhou, Guangdong"),
    "guangdong.shenzhen": ("深圳市", "Shenzhen, Guangdong"),
    "guangdong.huizhou": ("惠州市", "Huizhou, Guangdong"),
    "guangdong.zhaoqing": ("肇庆市", "Zhaoqing, Guangdong"),
    "shanxi.yangquan": ("阳泉市", "Yangquan, Shanxi"),
    "shaanxi.xian": ("西安市", "Xi'an, Shaanxi"),
    "liaoning.fuxin": ("阜新市", "Fuxin, Liaoning"),
    "liaoning.panjin": ("盘锦市", "Panjin, Liaoning"),
    "fujian.xiamen": ("厦门市", "Xiamen, Fujian"),
    "hubei.wuhan": ("武汉市", "Wuhan, Hubei"),
    "chongqing": ("重庆市", "Chongqing"),
}

REGION_IDS: tuple[str, ...] = tuple(REGIONS)


def is_known(region: str) -> bool:
    if region in REGIONS:
        return True
    from .policy import data_regions  # a data file for a place not listed registers it

    return region in data_regions()


def province_of(region: str) -> str:
    """``"jiangsu.xuzhou"`` → ``"jiangsu"``; ``national`` stays ``national``."""
    return region.split(".", 1)[0]


@lru_cache(maxsize=None)
def chain(region: str) -> tuple[str, ...]:
    """The lookup chain, most specific first: ``jiangsu.xuzhou`` → (jiangsu.xuzhou, jiangsu, national)."""
    out = [region]
    if "." in region:
        out.append(province_of(region))
    if region != "national":
        out.append("national")
    return tuple(out)


def cross_province(a: str, b: str) -> bool:
    return province_of(a) != province_of(b)


def region_name(region: str, lang: str = "zh") -> str:
    zh, en = REGIONS.get(region, (region, region))
    return en if lang == "en" else zh


def suggest(region: str, n: int = 3) -> list[str]:
    """The closest known ids to a mistyped one: by the city part, by the whole id, or by the Chinese name."""
    text = str(region).strip().lower()
    by_city = {rid.rsplit(".", 1)[-1]: rid for rid in REGION_IDS}
    tail = text.rsplit(".", 1)[-1]
    found = [by_city[c] for c in difflib.get_close_matches(tail, list(by_city), n=n, cutoff=0.75)]
    found += difflib.get_close_matches(text, REGION_IDS, n=n, cutoff=0.5)
    found += [rid for rid, (zh, _) in REGIONS.items() if zh.rstrip("市省") and zh.rstrip("市省") in text]
    out: list[str] = []
    for rid in found:
        if rid not in out:
            out.append(rid)
    return out[:n]
