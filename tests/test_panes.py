"""The timeline, decisions and explanation panes and the period form, each in a small harness app.

Each app is run with ``App.run_test()``; the report is the engine's own for the bundled Xuzhou profile
at a fixed date, so nothing depends on today.
"""

from __future__ import annotations

from datetime import date

import msgspec
import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import OptionList, Static, Tree

from engine import Month, Profile, evaluate, load_profile, questions
from engine.data.params import title as param_title
from engine.evaluation.report import Outcome, Report
from tui.screens.period_form import PeriodForm
from tui.widgets.explanation import DecisionsPane, ExplanationPane
from tui.widgets.table import RowTable
from tui.widgets.timeline import TimelineChart, TimelinePane, chart_lines

AS_OF = date(2026, 11, 22)
XUZHOU = "profiles/xuzhou-flexible-man.toml"
# the Xuzhou man's one lapse of medical insurance, as his worked example gives it
XUZHOU_LAPSE = {"insurance": "employee_medical", "start": Month.parse("2009-01"), "end": Month.parse("2011-03"),
                "months": 27, "long": True, "waiting_months": 3, "continuity_reset": True, "backpay_deadline": None}


def xuzhou(with_lapse: bool = False) -> tuple[Profile, Report]:
    profile = load_profile(XUZHOU)
    report = evaluate(profile, AS_OF)
    if with_lapse and not report.decisions["gaps"].facts.get("items"):
        report.decisions["gaps"].facts["items"] = [dict(XUZHOU_LAPSE)]
    return profile, report


class TimelineApp(App):
    def __init__(self, profile: Profile, report: Report, lang: str = "zh") -> None:
        super().__init__()
        self.profile, self.report, self.lang = profile, report, lang
        self.selected: list[int | None] = []

    def compose(self) -> ComposeResult:
        yield TimelinePane(self.lang, id="timeline")

    def on_mount(self) -> None:
        self.query_one(TimelinePane).show(self.profile, self.report, AS_OF)

    def on_timeline_pane_period_selected(self, message: TimelinePane.PeriodSelected) -> None:
        self.selected.append(message.index)


class DecisionsApp(App):
    def __init__(self, report: Report, lang: str = "zh") -> None:
        super().__init__()
        self.report, self.lang = report, lang
        self.keys: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield DecisionsPane(self.lang, id="decisions")
            yield ExplanationPane(self.lang, id="why")

    def on_mount(self) -> None:
        self.query_one(DecisionsPane).show(self.report, self.lang)

    def on_decisions_pane_decision_selected(self, message: DecisionsPane.DecisionSelected) -> None:
        self.keys.append(message.key)
        self.query_one(ExplanationPane).show(self.report, message.key, self.lang)


class FormApp(App):
    def __init__(self, profile: Profile, index: int | None, lang: str = "zh") -> None:
        super().__init__()
        self.profile, self.index, self.lang = profile, index, lang
        self.results: list[Profile | None] = []

    def compose(self) -> ComposeResult:
        yield Static("background")

    def on_mount(self) -> None:
        self.push_screen(PeriodForm(self.profile, self.index, self.lang), self.results.append)


async def enter_in(pilot, form, field: str) -> None:
    """Enter pressed in the form's field ``field`` (the form saves, or refuses and says why)."""
    form.query_one(f"#{field}").focus()
    await pilot.press("enter")
    await pilot.pause()


def chart_text(app: App) -> str:
    return app.query_one(TimelineChart).render().plain


def detail_text(app: App) -> str:
    return str(app.query_one("#timeline-detail", Static).render())


def row_keys(app: App) -> list[str]:
    return app.query_one(TimelinePane)._row_keys


# ----------------------------------------------------------------------------------------------------------------
# Timeline


async def test_timeline_draws_lanes_legend_and_marks():
    profile, report = xuzhou()
    app = TimelineApp(profile, report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = chart_text(app)
        for word in ("职工医保", "居民医保", "养老", "图例", "▼今天", "退休 2029-04", "2025-01 延迟退休", "1990", "2030"):
            assert word in text, word
        lanes = {line.split()[0]: line for line in text.splitlines() if line.split() and line.split()[0] in
                 ("职工医保", "居民医保", "养老")}
        assert "█" in lanes["职工医保"] and "┄" in lanes["职工医保"]  # paid, then projected to 2029-03
        assert lanes["居民医保"].strip() == "居民医保"
        for symbol in ("█", "▒", "▓", "░", "┄", "✕", "▼"):  # each symbol explained in the legend
            assert symbol in text.split("图例")[1]


async def test_timeline_in_english_and_account_reform_mark():
    profile, report = xuzhou()
    app = TimelineApp(profile, report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = chart_text(app)
        assert "employee medical" in text and "Legend" in text and "▼today" in text
        reform = report.decisions["account_now"].facts.get("reform_date")
        if reform:
            assert "account reform" in text


async def test_a_period_note_shows_in_its_detail_in_the_person_s_words():
    """docs/contract.md §1: a period's note is the user's own words; the timeline detail shows it as written."""
    import msgspec

    profile, _ = xuzhou()
    periods = list(profile.periods)
    periods[0] = msgspec.structs.replace(periods[0], note="在纺织厂，单位代缴")
    profile = msgspec.structs.replace(profile, periods=tuple(periods))
    app = TimelineApp(profile, evaluate(profile, AS_OF))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(TimelinePane)
        table = app.query_one(RowTable)
        table.move_cursor(row=row_keys(app).index("p0"))
        await pilot.pause()
        assert pane.selected_period_index == 0
        assert "备注：在纺织厂，单位代缴" in detail_text(app)


async def test_editing_a_period_in_the_form_keeps_its_note():
    """The form has no field for a period's note: saving an edit keeps the note as it was (nothing is lost)."""
    import msgspec

    profile = load_profile(XUZHOU)
    periods = list(profile.periods)
    periods[2] = msgspec.structs.replace(periods[2], note="补缴过一次")
    profile = msgspec.structs.replace(profile, periods=tuple(periods))
    app = FormApp(profile, 2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        form.query_one("#base_yuan").value = "5000"
        await pilot.pause()
        await enter_in(pilot, form, "base_yuan")
        saved = app.results[-1]
        assert saved.periods[2].base_yuan == 5000 and saved.periods[2].note == "补缴过一次"


async def test_highlighting_a_row_shows_its_detail_and_index():
    profile, report = xuzhou()
    app = TimelineApp(profile, report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one(TimelinePane)
        first = pane.selected_period_index
        assert first is not None and app.selected[-1] == first
        assert f"第{pane.period_number(first)}段" in detail_text(app) and "periods[" not in detail_text(app)
        # the row of the ongoing employee period (periods[3]): counted up to retirement, partly projected
        table = app.query_one(RowTable)
        table.focus()
        target = row_keys(app).index("p3")
        for _ in range(target):
            await pilot.press("down")
        await pilot.pause()
        assert pane.selected_period_index == 3
        assert app.selected[-1] == 3
        detail = detail_text(app)
        assert f"第{pane.period_number(3)}段" in detail and "periods[" not in detail
        assert "计入 18年" in detail  # 2011-04 .. 2029-03, the month before retirement
        assert "预计" in detail and "计入职工医保缴费年限" in detail
        # a pension row says it is pension, not medical years
        pension = row_keys(app).index("p0")
        table.move_cursor(row=pension)
        await pilot.pause()
        assert pane.selected_period_index == 0
        assert "养老" in detail_text(app) and "不计入医保年限" in detail_text(app)


async def test_lapse_rows_come_from_the_gaps_decision():
    profile, report = xuzhou(with_lapse=True)
    app = TimelineApp(profile, report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = row_keys(app)
        assert keys.count("g0") == 1
        table = app.query_one(RowTable)
        row = [str(cell) for cell in table.get_row("g0")]
        assert "2009-01" in row and "2011-03" in row
        table.move_cursor(row=keys.index("g0"))
        await pilot.pause()
        pane = app.query_one(TimelinePane)
        assert pane.selected_period_index is None
        assert app.selected[-1] is None
        detail = detail_text(app)
        assert "断缴 2009-01 至 2011-03" in detail
        assert "等待期" in detail and "清零" in detail and "补缴期限" in detail
        assert "✕" in chart_text(app)
        # the employee period before it names the lapse after it
        table.move_cursor(row=keys.index("p2"))
        await pilot.pause()
        assert "之后断缴 2009-01" in detail_text(app)


async def test_the_engine_lapse_row_2009_01_appears_once_the_gaps_decision_exists():
    profile, report = xuzhou()
    items = report.decisions["gaps"].facts.get("items")
    if not items:
        pytest.skip("the gaps decision does not report items yet")
    app = TimelineApp(profile, report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        lapse_rows = [[str(cell) for cell in table.get_row(k)] for k in row_keys(app) if k.startswith("g")]
        assert any("2009-01" in row and "2011-03" in row for row in lapse_rows)


async def test_show_again_keeps_the_highlighted_period():
    profile, report = xuzhou()
    app = TimelineApp(profile, report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(RowTable)
        table.move_cursor(row=row_keys(app).index("p1"))
        await pilot.pause()
        changed = msgspec.structs.replace(profile, periods=profile.periods[:3] + (
            msgspec.structs.replace(profile.periods[3], base_yuan=5000.0),))
        app.query_one(TimelinePane).show(changed, evaluate(changed, AS_OF), AS_OF)
        await pilot.pause()
        assert app.query_one(TimelinePane).selected_period_index == 1


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (30, 12)])
async def test_timeline_degrades_when_narrow(size):
    profile, report = xuzhou(with_lapse=True)
    app = TimelineApp(profile, report)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = chart_text(app)
        width = app.query_one(TimelineChart).size.width
        assert all(cell_len(line) <= width for line in text.splitlines())
        assert "图例" in text


def test_chart_copes_with_missing_facts_and_no_periods():
    profile = load_profile(XUZHOU)
    empty = msgspec.structs.replace(profile, periods=())
    bare = Report(AS_OF, empty, {k: Outcome("unknown", "", {}) for k in ("retirement", "gaps")})
    for width in (1, 10, 40, 100):
        lines = chart_lines(empty, bare, AS_OF, width)
        assert lines
    assert "a to add" in "".join(l.plain for l in chart_lines(empty, Report(AS_OF, empty, {}), AS_OF, 100, "en"))


async def test_timeline_with_an_empty_report_does_not_crash():
    profile = load_profile(XUZHOU)
    report = Report(AS_OF, profile, {"retirement": Outcome("unknown", "", {"chosen_date": None}),
                                     "gaps": Outcome("unknown", "", {"items": None})})
    app = TimelineApp(profile, report)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "退休月未知" in detail_text(app)


# ----------------------------------------------------------------------------------------------------------------
# Decisions and explanation


async def test_decisions_list_every_decision_with_its_mark_and_keeps_the_selection():
    _, report = xuzhou()
    app = DecisionsApp(report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        decisions = len(report.decisions)
        assert options.option_count == decisions + 1  # every decision, then how many questions to ask locally
        last = options.get_option_at_index(decisions)
        assert last.disabled and str(last.prompt) == f"⚠ {len(questions(report))}个问题要问当地 · 按 l 查看"
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(decisions)]
        assert all(p[0] in "✔✖?ℹ" for p in prompts)
        assert prompts[0].startswith("✔ 法定退休") and "2029-04（60岁11个月）" in prompts[0]
        assert "医保缴费年限" in prompts[1] and "36年6个月" in prompts[1]
        assert app.keys == ["retirement"]
        options.focus()
        await pilot.press("down")
        await pilot.pause()
        assert app.keys[-1] == "medical_years"
        assert app.query_one(DecisionsPane).selected_key == "medical_years"
        # the highlighted decision is opened to its verdict
        assert report.decisions["medical_years"].verdict_text() in str(options.get_option_at_index(1).prompt)
        assert report.decisions["retirement"].verdict_text() not in str(options.get_option_at_index(0).prompt)
        # a new report (after an edit) keeps the highlighted decision
        profile = load_profile(XUZHOU)
        app.query_one(DecisionsPane).show(evaluate(profile, AS_OF), "zh")
        await pilot.pause()
        assert options.highlighted == 1
        assert app.query_one(DecisionsPane).selected_key == "medical_years"
        assert app.keys[-1] == "medical_years"


async def test_decisions_cope_with_missing_facts_and_show_options():
    profile, report = xuzhou()
    from engine.evaluation.report import Option
    bare = Report(AS_OF, profile, {
        "retirement": Outcome("unknown", "", {}),
        "medical_years": Outcome("not_met", "差", {"counted_months": 200, "required_months": 300,
                                                   "shortfall_months": 100}, options=[
            Option("backpay", "一次性补缴", "补缴差额", 12345.0, Month.parse("2029-03"), 100)]),
        "gaps": Outcome("unknown", "", {"items": None}),
    })
    app = DecisionsApp(bare)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        assert options.option_count == 3
        options.highlighted = 1
        await pilot.pause()
        prompt = str(options.get_option_at_index(1).prompt)
        assert prompt.startswith("✖") and "差 8年4个月" in prompt
        assert "一次性补缴" in prompt and "12,345.00" in prompt and "2029-03" in prompt


def tree_labels(app: App) -> list[str]:
    out = []

    def walk(node):
        out.append(node.label.plain)
        for child in node.children:
            walk(child)

    walk(app.query_one(Tree).root)
    return out


async def test_explanation_tree_shows_params_with_seed_warning():
    _, report = xuzhou()
    app = DecisionsApp(report)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one(ExplanationPane).show(report, "medical_years", "zh")
        await pilot.pause()
        labels = tree_labels(app)
        param = [l for l in labels if param_title("medical.min_years.male", "zh") in l]
        assert param, labels
        assert not any("medical.min_years" in l for l in labels)  # parameters in words, never by their ids
        # Xuzhou's own years are sourced (secondary, 徐州市人社局 reply): no mark; an assumed figure carries one
        assert not param[0].startswith("⚠") and "转述" in param[0] and "= 25" in param[0]
        scope = [l for l in labels if param_title("medical.local_scope", "zh") in l]
        assert scope and scope[0].startswith("⚠ 需核实") and "假定" in scope[0]
        assert any(l.startswith("来源：") for l in labels)
        verdict = str(app.query_one("#why-verdict", Static).render())
        assert "医保缴费年限" in verdict and report.decisions["medical_years"].verdict_text() in verdict
        tree = app.query_one(Tree)
        assert tree.root.is_expanded and all(n.is_expanded for n in tree.root.children if n.allow_expand)


async def test_explanation_marks_user_overrides():
    profile = msgspec.structs.replace(load_profile(XUZHOU), policy_overrides=(("medical.min_years.male", 20),))
    report = evaluate(profile, AS_OF)
    app = DecisionsApp(report, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one(ExplanationPane).show(report, "medical_years", "en")
        await pilot.pause()
        param = [l for l in tree_labels(app) if param_title("medical.min_years.male", "en") in l]
        assert param and param[0].startswith("✎ your value")


async def test_explanation_keeps_collapsed_nodes_when_reshown():
    _, report = xuzhou()
    app = DecisionsApp(report)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(ExplanationPane)
        pane.show(report, "medical_years", "zh")
        await pilot.pause()
        tree = app.query_one(Tree)
        first = tree.root.children[0]
        first.collapse()
        deeper = next(n for n in tree.root.children[1:] if n.allow_expand)
        deeper_label = deeper.label.plain
        await pilot.pause()
        pane.show(evaluate(load_profile(XUZHOU), AS_OF), "medical_years", "zh")
        await pilot.pause()
        tree = app.query_one(Tree)
        assert not tree.root.children[0].is_expanded
        again = next(n for n in tree.root.children if n.label.plain == deeper_label)
        assert again.is_expanded


# ----------------------------------------------------------------------------------------------------------------
# The period form


def error_text(app: App, field: str) -> str:
    return str(app.screen.query_one(f"#err-{field}", Static).render())


async def test_form_refuses_an_end_before_start_then_saves_the_fix():
    profile = load_profile(XUZHOU)
    app = FormApp(profile, 3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PeriodForm)
        form.query_one("#end").value = "2005-01"
        await pilot.pause()
        assert "第4段 职工医保（2011-04起）的结束月份" in error_text(app, "end")
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is form and app.results == []  # refused: nothing dismissed
        form.query_one("#end").value = "2030-12"
        form.query_one("#base_yuan").value = "5200"
        await pilot.pause()
        assert error_text(app, "end") == ""
        await pilot.click("#save")
        await pilot.pause()
        assert len(app.results) == 1
        saved = app.results[0]
        assert isinstance(saved, Profile)
        assert saved.periods[3].end == Month.parse("2030-12") and saved.periods[3].base_yuan == 5200
        assert saved.periods[:3] == profile.periods[:3]


async def test_form_shows_the_engines_message_for_input_that_is_no_month():
    app = FormApp(load_profile(XUZHOU), None, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        form.query_one("#start").value = "abc"
        await pilot.pause()
        assert "the first month of period 5" in error_text(app, "start") and "YYYY-MM" in error_text(app, "start")
        await enter_in(pilot, form, "start")
        assert app.results == []
        form.query_one("#start").value = "2040-01"
        form.query_one("#base_yuan").value = "lots"
        await pilot.pause()
        assert "the contribution base of period 5" in error_text(app, "base_yuan")
        form.query_one("#base_yuan").value = ""
        form.query_one("#insurance").value = "resident_medical"
        await pilot.pause()
        assert not form.query_one("#field-status").display and not form.query_one("#field-mode").display
        # resident from 2040 overlaps the ongoing employee period: the message names the other period
        assert "overlaps" in str(form.query_one("#form-general", Static).render()) + error_text(app, "start")
        form.query_one("#insurance").value = "pension"
        form.query_one("#start").value = "1989-01"
        form.query_one("#end").value = "1990-06"
        await pilot.pause()
        await enter_in(pilot, form, "start")
        saved = app.results[-1]
        assert saved.periods[-1].insurance == "pension" and saved.periods[-1].end == Month.parse("1990-06")
        assert len(saved.periods) == 5  # appended at the end


async def test_form_backpaid_needs_paid_on():
    app = FormApp(load_profile(XUZHOU), 2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = app.screen
        assert not form.query_one("#field-paid_on").display
        form.query_one("#kind").value = "backpaid"
        await pilot.pause()
        assert form.query_one("#field-paid_on").display
        assert "第3段 职工医保（1990-07起）的补缴办理的月份" in error_text(app, "paid_on")
        form.query_one("#paid_on").value = "2010-05"
        await pilot.pause()
        assert form.error is None


@pytest.mark.parametrize("key", ["escape", "cancel"])
async def test_form_cancel_returns_none(key):
    app = FormApp(load_profile(XUZHOU), 0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#end").value = "2001-01"
        if key == "escape":
            await pilot.press("escape")
        else:
            await pilot.click("#cancel")
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, PeriodForm)


async def test_form_renders_narrow():
    app = FormApp(load_profile(XUZHOU), None, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#start").value = "2023-13"
        await pilot.pause()
        assert "not a real month" in error_text(app, "start")
        assert app.screen.query_one("#save").region.bottom <= 24


@pytest.mark.parametrize("size", [(80, 24), (40, 15)])
async def test_decisions_and_explanation_render_narrow(size):
    _, report = xuzhou()
    app = DecisionsApp(report, lang="en")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.query_one(OptionList).focus()
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        assert app.keys[-1] == "account_after_retirement"
        assert app.query_one(Tree).root.children
