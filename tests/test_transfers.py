"""Transfers between regions (engine/rules/decisions/transfers.py) and Chinese working days (engine/rules/workdays.py).

Sources: 社会保险法 第三十二条 (the relationship moves, years add up), 医保办发〔2021〕43号 (transfer-out 10 working days
with the account balance, transfer-in 5; retirees excluded), 浙江省医疗保障条例 第二十四条 (a retiree's relationship no
longer transfers), seed 004 and 粤医保规〔2022〕6号 第七条 (inside Guangdong the account is usable across cities, nothing
moves), the State Council's yearly holiday notices as carried by chinese_calendar (2025: 10-01..10-08 off, 09-28 and
10-11 worked).
"""

from __future__ import annotations

from datetime import date

import pytest

from engine import evaluate, parse_profile
from tests.conftest import period
from engine.data.glossary import step_text
from engine.rules.workdays import add_working_days, count_forward, covered, is_working_day

AS_OF = date(2026, 11, 22)
EMP, RES = "employee_medical", "resident_medical"


def profile(*periods: str, region: str, birth: str = "1975-03", sex: str = "male", extra: str = ""):
    head = f'schema = 1\nname = "测试"\n[person]\nsex = "{sex}"\nbirth = "{birth}"\nregion = "{region}"\n'
    return parse_profile(head + "".join(periods) + extra)


def transfers(prof, as_of: date = AS_OF) -> dict:
    return evaluate(prof, as_of=as_of).to_dict()["decisions"]["transfers"]


# --- working days on the Chinese calendar ---------------------------------------------------------------------------
WORKDAY_CASES = [
    pytest.param(date(2025, 9, 29), 15, date(2025, 10, 27), id="国办2025节假日-Oct1-8-off-Oct11-worked"),
    pytest.param(date(2025, 9, 26), 15, date(2025, 10, 23), id="国办2025节假日-Sun-Sep28-make-up-day-counts"),
    pytest.param(date(2025, 10, 1), 15, date(2025, 10, 28), id="国办2025节假日-from-national-day"),
    pytest.param(date(2025, 9, 30), 1, date(2025, 10, 9), id="国办2025节假日-next-working-day-after-holiday"),
    pytest.param(date(2025, 9, 26), 0, date(2025, 9, 26), id="zero-days-is-the-start"),
]


@pytest.mark.parametrize("start, n, end", WORKDAY_CASES)
def test_add_working_days_on_the_chinese_calendar(start, n, end):
    counted = count_forward(start, n)
    assert counted.end == end and counted.covered is True
    assert add_working_days(start, n) == end


def test_make_up_and_holiday_days():
    """国务院办公厅 2025 节假日安排: Sunday 09-28 and Saturday 10-11 are working days, 10-01..10-08 are not."""
    assert is_working_day(date(2025, 9, 28)) is True and is_working_day(date(2025, 10, 11)) is True
    assert not any(is_working_day(date(2025, 10, d)) for d in range(1, 9))


def test_years_the_calendar_does_not_cover_fall_back_to_monday_friday():
    assert covered(2025) is True and covered(2040) is False and covered(1990) is False
    assert is_working_day(date(2040, 3, 1)) is None
    counted = count_forward(date(2040, 3, 1), 15)       # Thursday 2040-03-01, Mon–Fri only
    assert counted.covered is False and counted.uncovered_years == (2040,)
    assert counted.end == date(2040, 3, 22)
    assert add_working_days(date(2040, 3, 1), 15) is None
    with pytest.raises(ValueError):
        count_forward(date(2025, 1, 1), -1)


# --- transfers ------------------------------------------------------------------------------------------------------
MOVE_CASES = [
    pytest.param(
        [period(EMP, "2005-01", "2015-02", region="jiangsu.xuzhou"), period(EMP, "2015-03")], "shandong.jining",
        {"from_region": "jiangsu.xuzhou", "to_region": "shandong.jining", "month": "2015-03", "cross_province": True,
         "account_balance_moves": True, "working_days": 15, "years_recognised": True, "rule_of_today": True},
        id="43号+社会保险法第三十二条-cross-province-Jiangsu-to-Jining"),
    pytest.param(
        [period(EMP, "2015-01", "2023-02", region="guangdong.guangzhou"), period(EMP, "2023-03")],
        "guangdong.shenzhen",
        {"from_region": "guangdong.guangzhou", "to_region": "guangdong.shenzhen", "month": "2023-03",
         "cross_province": False, "account_balance_moves": False, "account_shared_in_province": True,
         "working_days": 15, "rule_of_today": False},
        id="seed004+粤医保规2022-6-in-province-Guangzhou-to-Shenzhen-balance-stays"),
    pytest.param(
        [period(EMP, "2015-01", "2023-02", region="jiangsu.xuzhou"), period(EMP, "2023-03", region="jiangsu")],
        "jiangsu",
        {"cross_province": False, "account_balance_moves": True, "account_shared_in_province": False},
        id="43号-in-province-outside-Guangdong-balance-moves"),
    pytest.param(
        [period(RES, "2015-01", "2023-12", region="liaoning.fuxin"), period(RES, "2024-01")], "liaoning.panjin",
        {"cross_province": False, "account_balance_moves": False, "working_days": 15},
        id="seed002-resident-insurance-has-no-account"),
    pytest.param(
        [period(EMP, "2015-01", "2023-12", region="jiangsu.xuzhou", status="flexible", mode="pooling_only"),
         period(EMP, "2024-01")], "zhejiang",
        {"cross_province": True, "account_balance_moves": False},
        id="劳社厅发2003-10-pooling-only-has-no-account"),
    pytest.param(
        [period(EMP, "2015-01", "2023-12", region="jiangsu.xuzhou"), period(RES, "2024-01")], "zhejiang",
        {"cross_province": True, "account_balance_moves": False, "insurance_to": "resident_medical"},
        id="43号-into-resident-insurance-nothing-to-receive-the-balance"),
]


@pytest.mark.parametrize("periods, region, expected", MOVE_CASES)
def test_moves(periods, region, expected):
    out = transfers(profile(*periods, region=region))
    (item,) = out["facts"]["items"]
    assert {k: item[k] for k in expected} == expected
    assert item["years_recognised"] is True
    assert out["status"] == "info"


def test_cross_province_verdict():
    out = transfers(profile(period(EMP, "2005-01", "2015-02", region="jiangsu.xuzhou"), period(EMP, "2015-03"),
                            region="shandong.jining"))
    assert out["verdict"].startswith("2015-03从徐州市转到济宁市（跨省）：约15个工作日办结")
    assert "个人账户余额随转" in out["verdict"] and "缴费年限累计计算" in out["verdict"]


def test_move_month_across_the_2025_national_day():
    """43号 10 + 5 working days from 2025-10-01, on the 2025 holiday notice: done 2025-10-28."""
    out = transfers(profile(period(EMP, "2015-01", "2025-09", region="jiangsu.xuzhou"), period(EMP, "2025-10"),
                            region="shandong.jining"))
    (item,) = out["facts"]["items"]
    assert item["expected_done"] == "2025-10-28" and item["calendar_covered"] is True
    assert (item["out_working_days"], item["in_working_days"]) == (10, 5)


def test_move_in_a_year_the_calendar_does_not_cover():
    """A planned move in 2040: Monday–Friday fallback, said so (calendar_covered false), and an option to apply."""
    out = transfers(profile(period(EMP, "2015-01", "2040-02", region="jiangsu.xuzhou"), period(EMP, "2040-03"),
                            region="shandong.jining", birth="1985-03"))
    (item,) = out["facts"]["items"]
    assert item["calendar_covered"] is False and item["expected_done"] == "2040-03-22"
    assert item["planned"] is True
    assert "按周一至周五估算" in out["verdict"]
    assert [o["code"] for o in out["options"]] == ["apply_transfer"]
    notes = [s for st in evaluate(profile(period(EMP, "2015-01", "2040-02", region="jiangsu.xuzhou"),
                                          period(EMP, "2040-03"), region="shandong.jining", birth="1985-03"),
                                  as_of=AS_OF).decisions["transfers"].trace for s in st.walk()
             if s.rule == "transfers.expected_done"]
    assert notes and "周一至周五" in step_text(notes[0])


def test_retiree_move_does_not_transfer():
    """浙江条例 第二十四条; 43号 excludes retirees: born 1964-06, retired 2024-06, then living in Guangzhou."""
    out = transfers(profile(period(EMP, "2000-01", "2024-05", region="jiangsu.xuzhou"),
                            period(EMP, "2024-09", region="guangdong.guangzhou"),
                            region="jiangsu.xuzhou", birth="1964-06"))
    (item,) = out["facts"]["items"]
    assert item["transfer"] is False and item["retired"] is True
    assert item["working_days"] is None and item["account_balance_moves"] is False
    assert "不再转移" in out["verdict"] and "异地安置" in out["verdict"]
    assert "register_relocation" in [o["code"] for o in out["options"]]


def test_relocation_after_retirement_plan():
    """plans.relocate_after_retirement: the relationship stays; register for cross-region treatment (异地安置)."""
    out = transfers(profile(period(EMP, "2000-01"), region="jiangsu.xuzhou",
                            extra='[plans]\nrelocate_after_retirement = "guangdong.guangzhou"\n'))
    assert out["facts"]["items"] == []
    reloc = out["facts"]["retiree_relocation"]
    assert reloc["transfer"] is False and reloc["to_region"] == "guangdong.guangzhou"
    assert reloc["cross_province"] is True and reloc["register_cross_region_treatment"] is True
    assert "异地安置" in out["verdict"]


def test_no_transfer():
    out = transfers(profile(period(EMP, "2000-01", "2010-12"), period(RES, "2011-01"), region="jiangsu.xuzhou"))
    assert out["facts"]["items"] == [] and out["verdict"] == "没有跨地区转移"
    assert out["facts"]["retiree_relocation"] is None


def test_xuzhou_man_has_no_transfer():
    """The worked example: all his medical periods are in Xuzhou."""
    out = transfers(profile(period(EMP, "1990-07", "2008-12"),
                            period(EMP, "2011-04", status="flexible", mode="with_account"),
                            region="jiangsu.xuzhou", birth="1968-05"))
    assert out["facts"]["items"] == [] and out["verdict"] == "没有跨地区转移"


def test_every_item_has_the_contract_keys():
    """docs/contract.md §4: the keys of every transfers item."""
    keys = {"from_region", "to_region", "month", "cross_province", "account_balance_moves", "working_days"}
    for case in MOVE_CASES:
        for item in transfers(profile(*case.values[0], region=case.values[1]))["facts"]["items"]:
            assert keys <= set(item)
