"""The 本地规定 screen, driven as a user would with ``App.run_test()`` and pilot.

Every test points ``YIBAO_REGIONS`` (the user's region files) and ``YIBAO_PROFILES`` at its own tmp folders: nothing
is written to the real user folders. The bundled Shanghai example is evaluated at a fixed date; its local-years
requirement is unknown in the bundled data (上海市医疗保障条例 第十六条 names it without a number), which is the
figure entered here.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Static

from engine.data.i18n import text
from engine.data.params import DECLARATIONS
from engine.evaluation.questions import unknown_figures
from tests.conftest import EXAMPLES, app_on
from tui.commands import COMMANDS
from tui.screens.local_rules import FIGURES, LocalRulesScreen, parse_figure, widget_id
from tui.screens.verify import VerifyScreen, verify_markdown
from tui.widgets.profile import Choice

SHANGHAI = EXAMPLES / "shanghai-employee-man.toml"
LOCAL = "medical.min_local_years"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def folders(tmp_path, monkeypatch, user_dir) -> Path:
    """The user's region files and profiles, in folders of this test's own."""
    regions = tmp_path / "regions"
    monkeypatch.setenv("YIBAO_REGIONS", str(regions))
    yield regions
    from engine.data import policy

    policy.reload()


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_form(pilot) -> LocalRulesScreen:
    await pilot.pause()
    await pilot.press("l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LocalRulesScreen)
    return screen


async def type_into(pilot, name: str, part: str, text: str) -> None:
    field = pilot.app.screen.query_one(f"#{widget_id(name, part)}", Input)
    field.focus()
    field.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


def local_step(report):
    for step in report.decisions["medical_years"].trace:
        for node in step.walk():
            if node.rule == f"param:{LOCAL}":
                return node
    raise AssertionError("medical_years did not read the local-years figure")


async def test_l_opens_the_form_of_the_benefit_region_with_what_the_data_says(folders):
    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        assert screen.place == "shanghai"
        assert "本地规定 · 上海市" in shown(screen, "#lf-title")
        for name in FIGURES:  # every figure has its value, source and date inputs
            for part in ("value", "source", "date"):
                assert screen.query_one(f"#{widget_id(name, part)}", Input)
        men = shown(screen, f"#{widget_id('medical.min_years.male', 'now')}")
        assert "15年" in men and "官方" in men and "上海市医保局" in men  # the bundled figure, how sure, its source
        local = shown(screen, f"#{widget_id(LOCAL, 'now')}")
        assert "未知" in local and "上海市医疗保障条例" in local
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LocalRulesScreen)


async def test_the_questions_to_ask_are_above_the_inputs_one_per_unknown_figure(folders):
    from engine.evaluation.questions import questions

    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        text = shown(screen, "#lf-questions")
        asked = questions(app.report, "zh")
        assert asked and "12393" in text
        for q in asked:
            assert q in text
        assert "至少要有多少年是在本地" in text  # the local years: unknown for Shanghai
        box = screen.query_one("#lf-questions")
        first_input = screen.query_one(f"#{widget_id(FIGURES[0], 'value')}", Input)
        assert box.region.y < first_input.region.y


@pytest.mark.parametrize("typed, words", [
    ("15.5", "不能带小数"),     # years are whole (params.toml: integer)
    ("60", "大于上限 50"),      # the declared bounds
    ("十年", "应写成数字"),
])
async def test_an_invalid_figure_is_refused_with_its_message_and_nothing_is_written(folders, typed, words):
    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        await type_into(pilot, LOCAL, "value", typed)
        await type_into(pilot, LOCAL, "source", "12393热线")
        error = shown(screen, f"#{widget_id(LOCAL, 'error')}")
        assert words in error and "其中本地实际缴费最低年限" in error  # the figure in plain words
        assert LOCAL not in error and "params.toml" not in error  # never an id or a file
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (folders / "shanghai.toml").exists()
        assert isinstance(app.screen, LocalRulesScreen)
        assert local_step(app.report).inputs["confidence"] != "user"


async def test_a_figure_without_where_it_was_learned_is_refused(folders):
    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        await type_into(pilot, LOCAL, "value", "10")
        assert "从哪里得知" in shown(screen, f"#{widget_id(LOCAL, 'error')}")
        await type_into(pilot, LOCAL, "source", "12393热线")
        await type_into(pilot, LOCAL, "date", "2026-13-01")
        assert "年-月-日" in shown(screen, f"#{widget_id(LOCAL, 'error')}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (folders / "shanghai.toml").exists()


async def test_a_valid_figure_is_saved_for_the_place_and_the_report_marks_it_as_the_users(folders):
    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.report.decisions["medical_years"].facts["required_local_months"] is None
        screen = await open_form(pilot)
        assert "至少要有多少年是在本地" in shown(screen, "#lf-questions")
        await type_into(pilot, LOCAL, "value", "10年")
        await type_into(pilot, LOCAL, "source", "12393热线")
        await type_into(pilot, LOCAL, "date", "2026-11-20")
        assert not shown(screen, f"#{widget_id(LOCAL, 'error')}")
        await pilot.press("ctrl+s")
        await pilot.pause()
        path = folders / "shanghai.toml"
        assert path.exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(folders.stat().st_mode) == 0o700
        from engine.data.policy import user_region_data

        saved = user_region_data("shanghai").params[LOCAL][-1][1]
        assert (saved.value, saved.source, saved.learned_on, saved.confidence) == \
            (10, "12393热线", "2026-11-20", "user")
        # the report re-evaluated: the trace marks the figure as the user's, the requirement is now known
        step = local_step(app.report)
        assert step.result == 10 and step.inputs["confidence"] == "user"
        assert app.report.decisions["medical_years"].facts["required_local_months"] == 120
        assert "您已填写：10年" in shown(screen, f"#{widget_id(LOCAL, 'now')}")
        assert "至少要有多少年是在本地" not in shown(screen, "#lf-questions")  # no longer asked
        await pilot.press("escape")
        await pilot.pause()
    # every profile of that place uses it: a second app, a fresh start
    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert local_step(app.report).inputs["confidence"] == "user"
        screen = await open_form(pilot)
        assert screen.query_one(f"#{widget_id(LOCAL, 'value')}", Input).value == "10"  # what was saved, to edit


async def test_a_rate_is_entered_as_a_percentage(folders):
    app = app_on(SHANGHAI)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        await type_into(pilot, "medical.rate.employer", "value", "9%")
        await type_into(pilot, "medical.rate.employer", "source", "上海市医保局网站")
        await pilot.press("ctrl+s")
        await pilot.pause()
        from engine.data.policy import user_region_data

        assert user_region_data("shanghai").params["medical.rate.employer"][-1][1].value == pytest.approx(0.09)
        assert "9%" in shown(screen, f"#{widget_id('medical.rate.employer', 'now')}")


async def test_english_is_complete(folders):
    app = app_on(SHANGHAI, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        assert "local figures · Shanghai" in shown(screen, "#lf-title")
        questions = shown(screen, "#lf-questions")
        assert "12393" in questions and not CJK.search(questions.replace("医保经办机构", ""))
        now = shown(screen, f"#{widget_id(LOCAL, 'now')}")
        assert now.startswith("Bundled data: unknown · official · Shanghai")
        await type_into(pilot, LOCAL, "value", "15.5")
        error = shown(screen, f"#{widget_id(LOCAL, 'error')}")
        assert "whole number" in error and not CJK.search(error)
        for name in FIGURES:
            for part in ("value", "source", "date"):
                field = screen.query_one(f"#{widget_id(name, part)}", Input)
                assert not CJK.search(field.placeholder or "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (folders / "shanghai.toml").exists()


async def test_a_national_profile_is_told_to_choose_its_city_first(folders, tmp_path):
    path = tmp_path / "national.toml"
    path.write_text('schema = 1\nname = "全国"\n\n[person]\nsex = "female"\nbirth = "1975-03"\n'
                    'region = "national"\n', encoding="utf-8")
    app = app_on(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # a profile without periods starts in its name field, where l is a letter
        screen = await open_form(pilot)
        assert "选择您将来享受退休医保待遇的城市" in shown(screen, "#lf-national")
        assert not screen.query(Input)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not folders.exists()


async def test_the_verify_dialog_points_to_the_form_and_stays_readable_at_80_columns(folders):
    app = app_on(SHANGHAI)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerifyScreen)
        body = verify_markdown(app.report, "zh")
        assert "按l键" in body and "本地规定" in body and "政策覆盖" not in body
        assert "其中本地实际缴费最低年限**：未知 · 上海市" in body  # title, value and region side by side, in words
        assert "|" not in body  # a list, not a table whose cells are cut to "…" in a narrow terminal
        assert "本地规定" in verify_markdown(app.report, "zh")
        assert "press l" in verify_markdown(app.report, "en")
        await pilot.press("l")  # straight to the form
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LocalRulesScreen)


def test_the_key_is_in_the_palette_and_the_help():
    assert ("cmd.local", "local_rules", True) in COMMANDS
    HELP_ZH, HELP_EN = text("help", "body", "zh"), text("help", "body", "en")
    assert "`l`：本地规定" in HELP_ZH and "--questions" in HELP_ZH and "regions add" in HELP_ZH
    assert "`l`: local figures" in HELP_EN and "--questions" in HELP_EN


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(FIGURES), typed=st.text(max_size=12))
def test_any_typed_text_gives_a_valid_value_or_a_plain_message(name, typed):
    from engine.data.params import check_value

    value, problem = parse_figure(name, typed, "zh")
    if problem is None:
        assert value is None or check_value(name, value) is None
        assert value is not None or not typed.strip()
    else:
        assert value is None and name not in problem and "None" not in problem
    assert DECLARATIONS[name].overridable


# --- every question the form asks has its field -------------------------------------------------------------------
CHONGQING = EXAMPLES / "chongqing-lapses-backpay-woman.toml"


def asked_figures(report) -> list[str]:
    """The figures the form's questions ask about: the unknown ones the report needed and those read long ago."""
    return unknown_figures(report) + [e["name"] for e in report.to_verify("en") if e["stale"]]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
async def test_every_question_asked_has_its_field(folders, path):
    app = app_on(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        if screen.place == "national":
            return
        asked = asked_figures(app.report)
        assert asked
        for name in asked:
            field = screen.query_one(f"#{widget_id(name, 'value')}")
            if DECLARATIONS[name].type == "boolean":  # yes / no / don't know, in words
                assert isinstance(field, Choice)
                assert [label for label, _ in field.options] == ["不知道", "是", "否"]
                assert field.value == ""  # nothing chosen: nothing saved
            else:
                assert isinstance(field, Input) and field.placeholder and "." not in field.placeholder.split()[0]


async def choose(pilot, name: str, steps: int) -> None:
    field = pilot.app.screen.query_one(f"#{widget_id(name, 'value')}", Choice)
    field.focus()
    await pilot.pause()
    await pilot.press(*["right"] * steps)
    await pilot.pause()


def read_step(report, decision: str, name: str):
    for step in report.decisions[decision].trace:
        for node in step.walk():
            if node.rule == f"param:{name}":
                return node
    raise AssertionError(f"{decision} did not read {name}")


async def test_a_yes_a_date_and_a_dont_know_flow_into_the_evaluation_as_the_users(folders):
    """Withdrawal on emigration (yes / no / don't know) and the deemed-years cut-off (a date), entered on the form,
    are saved in the place's file and read by the evaluation as the user's figures, like any other local figure."""
    app = app_on(CHONGQING)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        assert read_step(app.report, "withdrawal", "withdrawal.emigration").result is None
        await choose(pilot, "withdrawal.emigration", 1)  # 不知道 → 是
        await type_into(pilot, "withdrawal.emigration", "source", "12393热线")
        await choose(pilot, "withdrawal.untransferable", 2)  # 不知道 → 是 → 否
        await type_into(pilot, "withdrawal.untransferable", "source", "经办窗口")
        await type_into(pilot, "medical.deemed_until", "value", "1998-12-31")
        await type_into(pilot, "medical.deemed_until", "source", "重庆市医保局网站")
        await choose(pilot, "withdrawal.retiree_relocation", 0)  # left at 不知道: nothing saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.saved_path == folders / "chongqing.toml"
        saved = (folders / "chongqing.toml").read_text(encoding="utf-8")
        assert "withdrawal.retiree_relocation" not in saved
        emigration = read_step(app.report, "withdrawal", "withdrawal.emigration")
        assert emigration.result is True and emigration.inputs["confidence"] == "user"
        assert read_step(app.report, "withdrawal", "withdrawal.untransferable").result is False
        deemed = read_step(app.report, "medical_years", "medical.deemed_until")
        assert deemed.result == "1998-12-31" and deemed.inputs["confidence"] == "user"
        # saved figures come back as chosen; "don't know" again takes the figure out of the file
        assert screen.query_one(f"#{widget_id('withdrawal.emigration', 'value')}", Choice).value == "true"
        await choose(pilot, "withdrawal.emigration", 2)  # 是 → 否 → 不知道
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "withdrawal.emigration" not in (folders / "chongqing.toml").read_text(encoding="utf-8")
        assert read_step(app.report, "withdrawal", "withdrawal.emigration").result is None
        assert read_step(app.report, "withdrawal", "withdrawal.untransferable").result is False


async def test_the_form_in_english_offers_yes_no_and_dont_know(folders):
    app = app_on(CHONGQING, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_form(pilot)
        field = screen.query_one(f"#{widget_id('withdrawal.emigration', 'value')}", Choice)
        assert [label for label, _ in field.options] == ["don't know", "yes", "no"]
        source = shown(screen, f"#{widget_id('withdrawal.retiree_relocation', 'now')}")
        assert "web article" in source and "(网络文章" in source  # the English title, the original after it
