"""The contribution timeline pane: one lane per insurance over the years, a table of periods and lapses, and
what the engine says of the highlighted row.

The chart is drawn for the width it gets (and redrawn on resize); every state has its own symbol, so the lanes
read without colour. The pane binds no keys: the app adds, edits and deletes periods with ``selected_period_index``.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from itertools import groupby
from typing import Any

from msgspec import Struct
from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from engine import MEDICAL, Month, Period, Profile, Report, as_month, months_before
from engine.words import months_short, region_name, term, text
from tui.i18n import t

from .inplace import update_growing
from .table import RowTable

DETAIL_MAX_ROWS = 8  # the detail under the table: at most this many lines (it scrolls beyond)

LANES = ("employee_medical", "resident_medical", "pension")

#: the symbol of each state a month of a lane can be in (colour is never the only signal)
SYMBOLS: dict[str, str] = {
    "paid": "█",
    "deemed": "▒",
    "backpaid": "▓",
    "pooling": "░",
    "unemployed": "▚",  # paid by the unemployment fund (领取失业金期间)
    "projected": "┄",
    "lapse": "✕",
}
LANE_STYLE = {"employee_medical": "green", "resident_medical": "cyan", "pension": "blue"}
LAPSE_STYLE = "bold red"
PROJECTED_STYLE = "dim"
#: when a column holds several states the first of these wins a tie (a lapse always wins)
PRIORITY = ("backpaid", "deemed", "unemployed", "pooling", "paid", "projected")
#: the 2025 retirement reform (全国人大常委会关于实施渐进式延迟法定退休年龄的决定, in force 2025-01-01)
REFORM_2025 = Month.of(2025, 1)
MIN_BAR = 12  # below this many columns the lanes are not drawn


def facts_of(report: Report | None, key: str) -> dict:
    """The facts of a decision, or an empty dict when the decision or its facts are missing."""
    if report is None:
        return {}
    outcome = report.decisions.get(key)
    facts = getattr(outcome, "facts", None)
    return facts if isinstance(facts, dict) or hasattr(facts, "to_dict") else {}


def chosen_retirement(report: Report | None) -> Month | None:
    return as_month(facts_of(report, "retirement").get("chosen_date"))


def gap_items(report: Report | None) -> list[dict]:
    items = facts_of(report, "gaps").get("items")
    return [i for i in items if hasattr(i, "get") and as_month(i.get("start"))] if isinstance(items, list) else []


def transfer_items(report: Report | None) -> list[dict]:
    items = facts_of(report, "transfers").get("items")
    return [i for i in items if hasattr(i, "get")] if isinstance(items, list) else []


def yuan_text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


# ----------------------------------------------------------------------------------------------------------------
# The chart, as plain data → lines of Rich Text


class Marker(Struct, frozen=True):
    month: Month
    label: str
    style: str
    short: str | None = None  # a shorter label, tried before opening another row


class _Row:
    """A row of terminal cells; a wide character takes two cells (the second is None)."""

    def __init__(self, width: int) -> None:
        self.cells: list[tuple[str, str] | None] = [(" ", "")] * width

    def free(self, x0: int, x1: int) -> bool:
        return 0 <= x0 and x1 <= len(self.cells) and all(c == (" ", "") for c in self.cells[max(0, x0 - 1):x1 + 1])

    def write(self, x: int, text: str, style: str) -> None:
        for ch in text:
            w = cell_len(ch)
            if x + w > len(self.cells):
                return
            self.cells[x] = (ch, style)
            if w == 2:
                self.cells[x + 1] = None
            x += w

    def text(self) -> Text:
        out = Text()
        for cell in self.cells:
            if cell is not None:
                out.append(cell[0], cell[1] or None)
        return out


def period_state(period: Period) -> str:
    kind = period.effective_kind
    if kind in ("deemed", "backpaid"):
        return kind
    if period.effective_status == "unemployed":
        return "unemployed"
    if period.effective_mode == "pooling_only":
        return "pooling"
    return "paid"


def lane_months(profile: Profile, report: Report | None, now: Month) -> dict[str, dict[int, str]]:
    """For each lane, month index → state. Ongoing periods run to the month before retirement (else to now)."""
    chosen = chosen_retirement(report)
    horizon_last = chosen - 1 if chosen is not None and chosen - 1 >= now else now
    lanes: dict[str, dict[int, str]] = {lane: {} for lane in LANES}
    for period in profile.periods:
        lane = lanes.get(period.insurance)
        if lane is None:
            continue
        last = period.end if period.end is not None else horizon_last
        state = period_state(period)
        for m in range(period.start.index, last.index + 1):
            lane[m] = "projected" if m > now.index else state
    for item in gap_items(report):
        lane = lanes.get(item.get("insurance") if item.get("insurance") in LANES else "employee_medical")
        start = as_month(item.get("start"))
        end = as_month(item.get("end")) or now
        for m in range(start.index, end.index + 1):
            lane.setdefault(m, "lapse")
    return lanes


def axis_range(profile: Profile, report: Report | None, now: Month) -> tuple[Month, Month]:
    """From January of the first period's year (or of birth + 16) to December of retirement + 2 years."""
    if profile.periods:
        first = min(p.start for p in profile.periods)
    else:
        first = profile.person.birth + 16 * 12
    first = min(first, now)
    chosen = chosen_retirement(report)
    ends = [p.end for p in profile.periods if p.end is not None] + [now]
    last = chosen + 24 if chosen is not None else max(ends) + 24
    last = max(last, now + 12)
    return Month.of(first.year, 1), Month.of(last.year, 12)


def markers(report: Report | None, now: Month, lang: str) -> list[Marker]:
    out = [Marker(now, t("tl.today", lang), "bold")]
    chosen = chosen_retirement(report)
    if chosen is not None:
        out.append(Marker(chosen, f"{t('tl.retire', lang)} {chosen}", "bold magenta"))
    out.append(Marker(REFORM_2025, f"{REFORM_2025} {t('tl.reform_2025', lang)}", "cyan", t("tl.reform_2025", lang)))
    from engine import DECISIONS  # each decision says which months it marks

    for decision in DECISIONS if report is not None else ():
        found = next((m for code, m in decision.timeline_marks(report.decisions[decision.key].facts)
                      if code == "reform_account" and decision.key in report.decisions), None) \
            if decision.key in report.decisions else None
        if found is not None:
            out.append(Marker(found, f"{found} {t('tl.reform_account', lang)}", "cyan", t("tl.reform_account", lang)))
            break
    return out


def legend_items(lang: str, unemployed: bool = False) -> list[tuple[str, str, str]]:
    """(symbol, style, label) for each mark the chart can show (months on unemployment benefit only when the
    profile has some)."""
    return [
        (SYMBOLS["paid"], "green", term("paid", lang)),
        (SYMBOLS["deemed"], "green", term("deemed", lang)),
        (SYMBOLS["backpaid"], "green", term("backpaid", lang)),
        (SYMBOLS["pooling"], "green", term("pooling_only", lang)),
        *([(SYMBOLS["unemployed"], "green", term("unemployed", lang))] if unemployed else []),
        (SYMBOLS["projected"], PROJECTED_STYLE, t("tl.projected", lang)),
        (SYMBOLS["lapse"], LAPSE_STYLE, t("tl.lapse", lang)),
        ("▼", "bold", t("tl.marker", lang)),
    ]


def legend_lines(width: int, lang: str, unemployed: bool = False) -> list[Text]:
    lines: list[Text] = []
    head = t("tl.legend", lang) + text("join", "colon", lang)
    line = Text(head, style="dim")
    for symbol, style, label in legend_items(lang, unemployed):
        piece_len = cell_len(symbol) + 1 + cell_len(label)
        if line.cell_len and line.cell_len + 2 + piece_len > width and line.plain.strip():
            lines.append(line)
            line = Text()
        elif line.cell_len and line.plain != head:
            line.append("  ")
        line.append(symbol, style)
        line.append(" " + label, "dim")
    lines.append(line)
    return lines


def chart_lines(profile: Profile | None, report: Report | None, as_of: date | None, width: int,
                lang: str = "zh") -> list[Text]:
    """The whole chart for ``width`` cells: year axis, marker rows, one line per lane, legend."""
    width = max(1, width)
    if profile is None or as_of is None:
        return [Text("")]
    now = Month.from_date(as_of)
    labels = {lane: term(lane, lang) for lane in LANES}
    label_w = max(cell_len(v) for v in labels.values())
    bar_w = width - label_w - 1
    if bar_w < MIN_BAR:
        return [Text(t("tl.too_narrow", lang), style="dim")] + legend_lines(width, lang)
    first, last = axis_range(profile, report, now)
    total = last - first + 1

    def col(month: Month) -> int:
        return min(bar_w - 1, max(0, (month - first) * bar_w // total))

    pad = " " * (label_w + 1)
    lines: list[Text] = []

    # the year axis: labels every `step` years, never touching each other
    step = next((s for s in (1, 2, 5, 10, 20, 50) if s * 12 * bar_w / total >= 6), 100)
    axis = _Row(bar_w)
    for year in range(first.year, last.year + 1):
        if year % step == 0:
            x = col(Month.of(year, 1))
            if axis.free(x, x + 4):
                axis.write(x, str(year), "dim")
    lines.append(Text(pad) + axis.text())

    # markers: "▼label" from its column, or "label▼" ending there; on the first row where the label (or else its
    # short form) fits, otherwise on a new row
    rows: list[_Row] = []

    def place(row: _Row, x: int, label: str, style: str) -> bool:
        for x0, marker in ((x, "▼" + label), (x - cell_len(label), label + "▼")):
            if row.free(x0, x0 + cell_len(marker)):
                row.write(x0, marker, style)
                return True
        return False

    for marker in markers(report, now, lang):  # in order of importance: today, retirement, reforms
        if not first <= marker.month <= last:
            continue
        x = col(marker.month)
        labels_to_try = [marker.label] + ([marker.short] if marker.short else [])
        if any(place(row, x, label, marker.style) for label in labels_to_try for row in rows):
            continue
        row = _Row(bar_w)
        if not any(place(row, x, label, marker.style) for label in labels_to_try):
            row.write(x, "▼", marker.style)  # narrower than any label: the arrow alone still marks the month
        rows.append(row)
    lines.extend(Text(pad) + row.text() for row in rows)

    # the lanes
    states = lane_months(profile, report, now)
    for lane in LANES:
        lane_row = Text()
        lane_row.append(labels[lane], "bold")
        lane_row.append(" " * (label_w - cell_len(labels[lane]) + 1))
        months = states[lane]
        cells: list[tuple[str, str]] = []  # (symbol, style) per column
        for c in range(bar_w):
            m0 = first.index + c * total // bar_w
            m1 = max(m0, first.index + (c + 1) * total // bar_w - 1)
            seen = Counter(months[m] for m in range(m0, m1 + 1) if m in months)
            if not seen:
                cells.append((" ", ""))
                continue
            if "lapse" in seen:
                state = "lapse"
            else:
                state = max(seen, key=lambda s: (seen[s], -PRIORITY.index(s)))
            style = LAPSE_STYLE if state == "lapse" else PROJECTED_STYLE if state == "projected" else LANE_STYLE[lane]
            cells.append((SYMBOLS[state], style))
        for style, run in groupby(cells, key=lambda cell: cell[1]):  # one span per run of a style, not per cell
            lane_row.append("".join(symbol for symbol, _ in run), style or None)
        lines.append(lane_row)
    if not profile.periods:
        lines.append(Text(pad + t("tl.no_periods", lang), style="dim"))
    lines.extend(legend_lines(width, lang, any(p.effective_status == "unemployed" for p in profile.periods)))
    return lines


class TimelineChart(Widget):
    """The lanes, drawn for whatever width the widget has (its height follows from the width)."""

    DEFAULT_CSS = """
    TimelineChart { height: auto; width: 1fr; }
    """

    def __init__(self, lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lang = lang
        self.profile: Profile | None = None
        self.report: Report | None = None
        self.as_of: date | None = None
        self._cache: dict[int, list[Text]] = {}
        self._strips: list[Strip] = []
        self._strips_key: tuple | None = None
        self._generation = 0  # counts the data given (set_data): the rendered lines belong to one of them

    def set_data(self, profile: Profile, report: Report, as_of: date) -> None:
        """New data: redrawn only if the chart it gives differs (a keystroke in most fields leaves it as it was)."""
        old = self._cache.get(self.content_size.width) if self.content_size.width else None
        self.profile, self.report, self.as_of = profile, report, as_of
        self._cache.clear()
        if old is not None and self.lines(self.content_size.width) == old:
            return  # the lines drawn already (self._strips) stay
        self._generation += 1
        self.refresh(layout=old is None or len(self.lines(self.content_size.width)) != len(old))

    def lines(self, width: int) -> list[Text]:
        if width not in self._cache:
            self._cache[width] = chart_lines(self.profile, self.report, self.as_of, width, self.lang)
        return self._cache[width]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        """The whole chart as one Text (for readers and tests; the screen draws it line by line)."""
        return Text("\n").join(self.lines(self.content_size.width or self.size.width or 80))

    def render_line(self, y: int) -> Strip:
        """One line of the chart, from its segments rendered once per data and width (drawing the whole chart as
        one Text through Textual's content pipeline on every frame was slow)."""
        width, base = self.size.width, self.rich_style
        key = (width, self._generation, base)
        if self._strips_key != key:
            console = self.app.console
            self._strips = [Strip(list(line.render(console)), line.cell_len).apply_style(base).crop_extend(
                0, width, base) for line in self.lines(width)]
            self._strips_key = key
        return self._strips[y] if 0 <= y < len(self._strips) else Strip.blank(width, self.rich_style)


# ----------------------------------------------------------------------------------------------------------------
# The pane


def _end_text(month: Month | None, lang: str) -> str:
    return str(month) if month is not None else t("tl.ongoing", lang)


class TimelinePane(Vertical):
    """The timeline chart, the table of periods and lapses, and the detail of the highlighted row."""

    DEFAULT_CSS = """
    TimelinePane { height: 1fr; }
    TimelinePane > RowTable { height: 1fr; min-height: 4; }
    TimelinePane > #timeline-detail { height: auto; max-height: 8; padding: 0 1; }  /* 8: DETAIL_MAX_ROWS */
    """

    class PeriodSelected(Message):
        """The highlighted row changed: ``index`` into ``profile.periods``, or None for a lapse (or no row)."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    def __init__(self, lang: str = "zh", *, id: str | None = None, classes: str | None = None,
                 name: str | None = None) -> None:
        super().__init__(id=id, classes=classes, name=name)
        self.lang = lang
        self.profile: Profile | None = None
        self.report: Report | None = None
        self.as_of: date | None = None
        self._row_keys: list[str] = []
        self._posted_key: str | None = None
        self._drawn_width: int | None = None  # the width the chart was last laid out for

    def compose(self) -> ComposeResult:
        yield TimelineChart(self.lang, id="timeline-chart")
        table = RowTable(id="timeline-table", zebra_stripes=True)
        yield table
        yield Static(t("tl.pick", self.lang), id="timeline-detail")

    def on_mount(self) -> None:
        self.border_title = t("pane.timeline", self.lang)
        table = self.query_one(RowTable)
        self.watch(table, "cursor_row", self._row_highlighted, init=False)
        for key in ("index", "insurance", "start", "end", "region", "status", "mode", "kind", "base"):
            table.add_column(t(f"tl.col.{key}", self.lang), key=key)
        if self.profile is not None:
            self._redraw()

    # -- public --------------------------------------------------------------------------------------------

    def show(self, profile: Profile, report: Report, as_of: date) -> None:
        """Redraw everything for this profile and report (the highlighted row is kept where it still exists)."""
        self.profile, self.report, self.as_of = profile, report, as_of
        if self.is_mounted:
            self._redraw()

    @property
    def selected_period_index(self) -> int | None:
        key = self._current_key()
        return int(key[1:]) if key is not None and key.startswith("p") else None

    def select_period(self, index: int) -> bool:
        """Highlight the row of ``profile.periods[index]`` and focus the table; False when no row shows it."""
        key = f"p{index}"
        if key not in self._row_keys:
            return False
        table = self.query_one(RowTable)
        table.move_cursor(row=self._row_keys.index(key), scroll=True)
        table.focus()
        return True

    # -- drawing -------------------------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        if event.size.width == self._drawn_width:
            return  # only taller or shorter (the detail below grew): the chart's lines stay as drawn
        self._drawn_width = event.size.width
        for chart in self.query(TimelineChart):  # redrawn for the new width; its height may change too
            chart.refresh(layout=True)

    def _redraw(self) -> None:
        chart = self.query_one(TimelineChart)
        chart.lang = self.lang
        chart.set_data(self.profile, self.report, self.as_of)
        self._fill_table()
        self._show_detail()
        self._post_if_changed()

    def _rows(self) -> list[tuple[tuple, str, list]]:
        """(sort key, row key, cells) for each period and each lapse, in the order of time."""
        lang, profile = self.lang, self.profile
        rows = []
        order = {lane: i for i, lane in enumerate(LANES)}
        for i, p in enumerate(profile.periods):
            cells = [
                Text(""),  # the number shown, set once the rows are in order
                Text(term(p.insurance, lang), style=LANE_STYLE.get(p.insurance, "")),
                str(p.start),
                _end_text(p.end, lang),
                region_name(profile.period_region(p), lang),
                term(p.effective_status, lang) if p.effective_status else "—",
                term(p.effective_mode, lang) if p.effective_mode else "—",
                term(p.effective_kind, lang),
                yuan_text(p.base_yuan),
            ]
            rows.append(((p.start.index, 0, order.get(p.insurance, 9), i), f"p{i}", cells))
        for j, item in enumerate(gap_items(self.report)):
            start = as_month(item.get("start"))
            end = as_month(item.get("end"))
            insurance = item.get("insurance") or "employee_medical"
            cells = [
                Text("✕", style=LAPSE_STYLE),
                Text(term(insurance, lang), style=LANE_STYLE.get(insurance, "")),
                str(start),
                str(end) if end is not None else t("tl.gap.open", lang),
                "—",
                Text(t("tl.lapse_row", lang), style=LAPSE_STYLE),
                "", "", "",
            ]
            rows.append(((start.index, 1, order.get(insurance, 9), j), f"g{j}", cells))
        rows.sort(key=lambda r: r[0])
        # periods numbered in the order shown (第1段, 第2段 …), not by their place in the file
        self._numbers = {}
        for _, key, cells in rows:
            if key.startswith("p"):
                self._numbers[int(key[1:])] = n = len(self._numbers) + 1
                cells[0] = Text(text("app", "tl.period_no", lang, n=n), style="bold")
        return rows

    def period_number(self, index: int) -> int:
        """The number shown for profile.periods[index] (第n段); index + 1 before the table is drawn."""
        return getattr(self, "_numbers", {}).get(index, index + 1)

    @property
    def selected_gap(self) -> dict | None:
        """The lapse of the highlighted row (start, end, insurance), or None when a period or nothing is selected."""
        key = self._current_key()
        if key is None or not key.startswith("g"):
            return None
        items = list(gap_items(self.report))
        j = int(key[1:])
        return items[j] if 0 <= j < len(items) else None

    def _fill_table(self) -> None:
        table = self.query_one(RowTable)
        rows = self._rows()
        signature = [(key, [(c.plain, str(c.style)) if isinstance(c, Text) else c for c in cells])
                     for _, key, cells in rows]
        if signature == getattr(self, "_signature", None) and table.row_count == len(rows):
            return  # the same rows (e.g. a keystroke in the balance): the table, its cursor and scroll stay
        self._signature = signature
        previous = self._current_key()
        previous_row = table.cursor_row
        self._row_keys = [key for _, key, _ in rows]
        texts: dict[str, Text] = {}  # one Text per words ("—", 职工医保, a month …): the table only reads them

        def text_of(cell) -> Text:
            if isinstance(cell, Text):
                return cell
            found = texts.get(cell)
            if found is None:
                found = texts[cell] = Text(cell)
            return found

        table.set_rows((key, [text_of(cell) for cell in cells]) for _, key, cells in rows)
        if not self._row_keys:
            return
        if previous in self._row_keys:
            row = self._row_keys.index(previous)
        else:
            row = min(max(previous_row, 0), len(self._row_keys) - 1)
        table.move_cursor(row=row, scroll=True)

    def _current_key(self) -> str | None:
        if not self._row_keys or not self.is_mounted:
            return None
        row = self.query_one(RowTable).cursor_row
        return self._row_keys[row] if 0 <= row < len(self._row_keys) else None

    # -- the detail of the highlighted row ------------------------------------------------------------------

    def on_row_table_row_highlighted(self, event: RowTable.RowHighlighted) -> None:
        event.stop()  # followed as it moves (_row_highlighted)

    def _row_highlighted(self) -> None:
        """The detail below the table follows the highlighted row, in the same frame."""
        self._show_detail()
        self._post_if_changed()

    def _post_if_changed(self) -> None:
        key = self._current_key()
        if key != self._posted_key:
            self._posted_key = key
            self.post_message(self.PeriodSelected(self.selected_period_index))

    def _show_detail(self) -> None:
        detail = self.query_one("#timeline-detail", Static)
        key = self._current_key()
        if key is None or self.profile is None:
            content = Text(t("tl.pick", self.lang) if self.profile is None or self.profile.periods
                           else t("tl.no_periods", self.lang))
        elif key.startswith("p"):
            content = self.period_detail(int(key[1:]))
        else:
            content = self.gap_detail(int(key[1:]))
        # the detail keeps the height of the tallest row shown (at most DETAIL_MAX_ROWS), so that moving from row to
        # row, or saving a period, does not lay the screen out again
        update_growing(detail, content, DETAIL_MAX_ROWS)

    def period_detail(self, index: int) -> Text:
        """What the engine says of ``profile.periods[index]``, one line per point."""
        lang, profile, report = self.lang, self.profile, self.report
        p = profile.periods[index]
        now = Month.from_date(self.as_of)
        chosen = chosen_retirement(report)
        head = Text(text("app", "tl.period_no", lang, n=self.period_number(index)) + " ", style="bold")
        head.append(f"{term(p.insurance, lang)} {p.start} – {_end_text(p.end, lang)}", style="bold")
        extra = [region_name(profile.period_region(p), lang)]
        extra += [term(v, lang) for v in (p.effective_status, p.effective_mode, p.effective_kind) if v]
        if p.base_yuan is not None:
            extra.append(t("tl.detail.base", lang).format(v=yuan_text(p.base_yuan)))
        head.append(" · " + " · ".join(extra))
        lines = [head]

        if chosen is not None:
            counted = months_before(p, chosen)
            lines.append(Text(t("tl.detail.counted", lang).format(n=months_short(counted, lang), date=chosen)))
            future = max(0, counted - months_before(p, now + 1))
        else:
            last = p.end if p.end is not None else now
            counted = max(0, last - p.start + 1)
            lines.append(Text(t("tl.detail.counted_no_date", lang).format(n=months_short(counted, lang))))
            future = max(0, last - max(p.start, now + 1) + 1) if last > now else 0
        lines[-1].append(" · ")
        if future:
            lines[-1].append(t("tl.detail.projected", lang).format(n=months_short(future, lang)), style="italic")
        else:
            lines[-1].append(t("tl.detail.past", lang), style="dim")

        if p.insurance == "employee_medical":
            key = "tl.detail.deemed" if p.effective_kind == "deemed" else "tl.detail.medical"
            lines.append(Text(t(key, lang), style="green"))
            if p.effective_mode == "pooling_only":
                lines.append(Text(t("tl.detail.pooling", lang)))
        elif p.insurance == "resident_medical":
            lines.append(Text(t("tl.detail.resident", lang), style="yellow"))
        else:
            lines.append(Text(t("tl.detail.pension", lang)))
        if p.effective_kind == "backpaid" and p.paid_on is not None:
            lines.append(Text(t("tl.detail.backpaid", lang).format(v=p.paid_on)))

        for item in gap_items(report):
            insurance = item.get("insurance") or "employee_medical"
            if insurance != p.insurance and not (insurance in MEDICAL and p.insurance in MEDICAL):
                continue
            start, end = as_month(item.get("start")), as_month(item.get("end"))
            fill = dict(start=start, end=_end_or_open(end, lang), months=_months_of(item, start, end, now, lang))
            if p.end is not None and start == p.end + 1:
                lines.append(Text(t("tl.detail.gap_after", lang).format(**fill), style=LAPSE_STYLE))
            if end is not None and end + 1 == p.start:
                lines.append(Text(t("tl.detail.gap_before", lang).format(**fill), style=LAPSE_STYLE))

        if p.insurance in MEDICAL:
            for item in self._transfers_of(index):
                lines.append(Text(t("tl.detail.transfer", lang).format(
                    month=as_month(item.get("month")) or "—",
                    src=region_name(str(item.get("from_region")), lang),
                    dst=region_name(str(item.get("to_region")), lang))))
        if p.note:  # the person's own words about the period, as written
            lines.append(Text(text("app", "tl.detail.note", lang, note=p.note), style="italic"))
        return Text("\n").join(lines)

    def _transfers_of(self, index: int) -> list[dict]:
        """Transfers into this period (it starts in the month of the move) or out of it (the last medical period
        that ended before the move, in the region moved from)."""
        profile = self.profile
        p = profile.periods[index]
        region = profile.period_region(p)
        medical = [q for q in profile.periods if q.insurance in MEDICAL]
        found = []
        for item in transfer_items(self.report):
            month = as_month(item.get("month"))
            if month is None:
                continue
            if month == p.start and item.get("to_region") == region:
                found.append(item)
            elif item.get("from_region") == region and p.end is not None and p.end < month:
                latest = max((q.end for q in medical if q.end is not None and q.end < month), default=None)
                if latest == p.end:
                    found.append(item)
        return found

    def gap_detail(self, j: int) -> Text:
        """A lapse: its months, waiting period, continuity reset and back-pay deadline."""
        lang = self.lang
        item = gap_items(self.report)[j]
        now = Month.from_date(self.as_of)
        start, end = as_month(item.get("start")), as_month(item.get("end"))
        title = Text(t("tl.gap.title", lang).format(
            start=start, end=_end_or_open(end, lang), months=_months_of(item, start, end, now, lang)),
            style=LAPSE_STYLE)
        long = item.get("long")
        if isinstance(long, bool):
            title.append(" · " + t("tl.gap.long" if long else "tl.gap.short", lang))
        waiting = item.get("waiting_months")
        wait = [t("tl.gap.waiting", lang).format(
            v=months_short(waiting, lang) if isinstance(waiting, int) and waiting else ("0" if waiting == 0 else "—"))]
        benefits = as_month(item.get("benefits_from"))
        if benefits is not None:
            wait.append(t("tl.gap.benefits", lang).format(v=benefits))
        reset = item.get("continuity_reset")
        deadline = as_month(item.get("backpay_deadline"))
        if deadline is not None:
            value = str(deadline)
        elif long is True:
            value = t("tl.gap.no_deadline", lang)
        else:
            value = "—"
        pay = [t("tl.gap.reset", lang).format(v=t("yes", lang) if reset is True else t("no", lang) if reset is False
                                              else "—"),
               t("tl.gap.deadline", lang).format(v=value)]
        lines = [title, Text(" · ".join(wait)), Text(" · ".join(pay)), Text(t("tl.gap.readonly", lang), style="dim")]
        return Text("\n").join(lines)


def _end_or_open(end: Month | None, lang: str) -> str:
    return str(end) if end is not None else t("tl.gap.open", lang)


def _months_of(item: dict, start: Month, end: Month | None, now: Month, lang: str) -> str:
    months = item.get("months")
    if not isinstance(months, int) or isinstance(months, bool):
        months = (end or now) - start + 1
    return months_short(months, lang)
