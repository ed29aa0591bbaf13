"""The decisions pane (one line per decision, the highlighted one opened to its verdict and options) and the
explanation pane (the verdict and the decision's trace as a tree, down to each parameter and its source).

Every status has a symbol as well as a colour (✔ met, ✖ not met, ? unknown, ℹ info); parameters that come from a
seed article or an assumption carry ⚠, values the user set in ``[policy_overrides]`` carry ✎.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from engine import Outcome, Report, Step, questions
from engine import words as i18n
from engine.words import STATUS_MARK, StepView, param_words, term, view
from engine.words import decision_title as _decision_title
from tui.i18n import t

from .inplace import StyleOncePerRender, update_growing, update_static

STATUS_STYLE = {"met": "bold green", "not_met": "bold red", "unknown": "bold yellow", "info": "bold cyan"}
VERIFY_STYLE = "bold yellow"
#: the summary's lines at most on a short screen, where the pane is as tall as its lines
SUMMARY_LINES_SHORT = 2
USER_STYLE = "bold blue"


class DecisionList(OptionList):
    """The decisions' list."""

    def on_resize(self) -> None:
        """Wider or narrower within the same pane (its scroll bar came or went): one-line verdicts are cut anew."""
        pane = self.parent
        if isinstance(pane, DecisionsPane):
            pane.list_resized()


class WhyTree(StyleOncePerRender, Tree):
    """The trace's tree, which does not tell of the nodes opened or closed in ``growing()``."""

    _growing = 0

    @contextmanager
    def growing(self):
        """Add and open many nodes: Textual's Tree tells of each node opened or closed in a message that goes up to
        the app (which listens to none of them) before the tree is drawn; the nodes opened or closed in this block
        are not told of (a node the reader opens still is)."""
        self._growing += 1
        try:
            yield self
        finally:
            self._growing -= 1

    def post_message(self, message) -> bool:
        if self._growing and isinstance(message, (Tree.NodeExpanded, Tree.NodeCollapsed)):
            return False
        return super().post_message(message)


def decision_title(key: str, lang: str) -> str:
    return _decision_title(key, lang)


def verdict_of(outcome: Outcome, lang: str) -> str:
    return outcome.verdict_text(lang)


def clauses(verdict: str, joiner: str = "\n") -> str:
    """A verdict of several clauses (按现行规定…退休；养老缴费…) one clause per line, the line break in place of
    the "；" (wrapped by the pane, a line would otherwise start with it)."""
    return joiner.join(part for part in verdict.split("；") if part)


def _num(value: Any) -> float | None:
    return None if isinstance(value, bool) or not isinstance(value, (int, float)) else value


def key_figure(key: str, outcome: Outcome, lang: str) -> str:
    """The one short figure that sums a decision up, as the decision itself words it (the engine's registry of decisions);
    empty when the facts needed are missing."""
    from engine import DECISIONS_BY_KEY as BY_KEY

    decision = BY_KEY.get(key)
    return decision.figure(getattr(outcome, "facts", None), lang) if decision is not None else ""


def headline(key: str, outcome: Outcome, lang: str) -> Text:
    """``✔ 法定退休  2029-04（60岁11个月）``: the mark and title in the status colour, then the key figure."""
    status = outcome.status if outcome.status in STATUS_MARK else "unknown"
    text = Text()
    text.append(f"{STATUS_MARK[status]} {decision_title(key, lang)}", style=STATUS_STYLE[status])
    figure = key_figure(key, outcome, lang)
    if figure:
        text.append("  " + figure)
    return text


def option_text(outcome: Outcome, lang: str) -> list[Text]:
    """The options of a decision, each ``• title (price; deadline)`` and its detail."""
    out = []
    for opt in outcome.options:
        line = Text("  • ")
        line.append(opt.title_text(lang), style="bold")
        extra = []
        if _num(opt.price_yuan) is not None:
            label = "dec.price_estimate" if opt.price_is_estimate else "dec.price"
            extra.append(t(label, lang).format(v=f"{opt.price_yuan:,.2f}"))
        if opt.deadline is not None:
            extra.append(t("dec.deadline", lang).format(v=opt.deadline))
        if extra:
            line.append(i18n.text("view", "paren", lang, text=i18n.text("view", "semi_sep", lang).join(extra)))
        detail = opt.detail_text(lang)
        if detail:
            line.append("\n    " + detail, style="dim")
        out.append(line)
    return out


class DecisionsPane(Vertical):
    """The decisions in report order; the highlighted one shows its verdict and what the person can do."""

    DEFAULT_CSS = """
    DecisionsPane { height: 1fr; }
    DecisionsPane > OptionList { height: 1fr; border: none; }
    DecisionsPane > #decisions-summary { height: auto; max-height: 7; padding: 0 1; text-style: bold; }
    """

    class DecisionSelected(Message):
        """The highlighted decision changed to ``key`` (e.g. ``"medical_years"``)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    #: the highlighted decision's key, set as the highlight moves (before DecisionSelected arrives): a watcher of
    #: it redraws what follows the choice in the same frame as the list
    chosen: var[str | None] = var(None)

    def __init__(self, lang: str = "zh", *, id: str | None = None, classes: str | None = None,
                 name: str | None = None) -> None:
        super().__init__(id=id, classes=classes, name=name)
        self.lang = lang
        self.report: Report | None = None
        self._keys: list[str] = []
        self._selected: str | None = None  # the highlighted key, kept across show()
        self._posted: str | None = None
        self._roomy = True  # room to open the highlighted decision to its verdict and options
        self._cut = False  # not roomy: each headline cut to one line (no room to wrap the long ones)
        self._open_shown = 0  # how far the highlighted decision is shown opened (see _opens)
        self._prompts: list[tuple[str | None, Text]] | None = None  # the list's lines as last shown

    def compose(self) -> ComposeResult:
        yield Static("", id="decisions-summary", markup=False)
        yield DecisionList(id="decisions-list")

    def on_mount(self) -> None:
        self.border_title = t("pane.decisions", self.lang)
        options = self.query_one(OptionList)
        self.watch(options, "highlighted", self._highlighted, init=False)
        if self.report is not None:
            self._rebuild()

    # -- public --------------------------------------------------------------------------------------------

    def show(self, report: Report, lang: str | None = None) -> None:
        """List the report's decisions; the highlighted decision stays highlighted if it is still there."""
        self.report = report
        if lang is not None:
            self.lang = lang
        if self.is_mounted:
            self._rebuild()

    @property
    def selected_key(self) -> str | None:
        return self._selected

    # -- drawing -------------------------------------------------------------------------------------------

    def on_resize(self) -> None:
        """In a short pane every decision stays one line (the explanation pane shows the verdict)."""
        roomy = self._room_for_verdicts()
        reopen = roomy and self.report is not None and self._selected in self._keys and \
            self._opens(self._selected) != self._open_shown
        if roomy != self._roomy or not roomy or reopen:  # one-line verdicts are cut to the new width
            self._roomy = roomy
            if self.report is not None and self.is_mounted:
                self._rebuild()

    def list_resized(self) -> None:
        if not self._roomy and self.report is not None and self.is_mounted:
            self._rebuild()

    def _room_for_verdicts(self) -> bool:
        """Room for the summary a brief a line and every headline whole (wrapped where long), and the to-verify
        line; the highlighted decision is opened besides only where that still fits (:meth:`_opens`)."""
        if self._auto_height():
            return False
        height = self.content_size.height
        if height == 0 or self.report is None:
            return True
        return self._base_lines() <= height

    def _wrap_width(self) -> int:
        return max(8, self.query_one(OptionList).scrollable_content_region.width - 2)  # an option's padding

    def _lines(self, text: Text, width: int | None = None) -> int:
        return len(text.wrap(self.app.console, width or self._wrap_width()))

    def _base_lines(self) -> int:
        """The lines of the summary (a brief a line), every headline (wrapped) and the to-verify line (kept for
        the report, language and width: each move of the highlight asks again)."""
        report, width = self.report, self._wrap_width()
        key = (id(report), self.lang, width)
        kept = getattr(self, "_base_kept", None)
        if kept is None or kept[0] != key or kept[1] is not report:
            lines = len(report.summary()) + sum(self._lines(headline(k, o, self.lang), width)
                                                for k, o in report.decisions.items()) + 1
            kept = self._base_kept = (key, report, lines)
        return kept[2]

    def _opens(self, key: str) -> int:
        """How far decision ``key`` opens while every other decision keeps its line: 2 to its verdict and
        options, 1 to its verdict, 0 not at all."""
        height = self.content_size.height
        if height == 0:
            return 2
        outcome = self.report.decisions[key]
        base = self._base_lines() - self._lines(headline(key, outcome, self.lang))
        for level in (2, 1):
            if base + self._lines(self._opened(key, outcome, options=level == 2)) <= height:
                return level
        return 0

    def _auto_height(self) -> bool:
        """Whether the pane is as tall as its lines (a short screen): one line per verdict then."""
        height = self.styles.height
        return height is not None and height.is_auto

    def _prompt(self, key: str, opened: bool) -> Text:
        outcome = self.report.decisions[key]
        if opened:
            self._open_shown = self._opens(key) if self._roomy else 0
            if self._open_shown:
                return self._opened(key, outcome, options=self._open_shown == 2)
        text = headline(key, outcome, self.lang)
        if not self._roomy and self._cut:  # one line each, cut with … rather than wrapped: every verdict shows
            text.truncate(self._line_width(), overflow="ellipsis")
        return text

    def _opened(self, key: str, outcome: Outcome, options: bool = True) -> Text:
        """The headline, the verdict a clause a line, and (with ``options``) what the person can do."""
        text = headline(key, outcome, self.lang)
        verdict = verdict_of(outcome, self.lang)
        if verdict:
            text.append("\n  " + clauses(verdict, "\n  "), style="italic")
        opts = option_text(outcome, self.lang) if options else []
        if opts:
            text.append("\n  " + t("dec.options", self.lang) + i18n.text("view", "colon", self.lang), style="bold")
            for line in opts:
                text.append("\n")
                text.append_text(line)
        return text

    def _line_width(self) -> int:
        return max(8, self.query_one(OptionList).scrollable_content_region.width - 3)

    def _wrapped_fit(self) -> bool:
        """Whether every headline, wrapped where it is too long, still fits the pane below the summary (then no
        headline is cut)."""
        if self._auto_height():
            return False
        width = self._line_width()
        lines = sum(-(-headline(k, self.report.decisions[k], self.lang).cell_len // width) for k in self._keys)
        summary = self.query_one("#decisions-summary", Static)
        taken = summary.outer_size.height if summary.display else 0
        return lines + 1 + taken <= self.content_size.height

    def _rebuild(self) -> None:
        options = self.query_one(OptionList)
        self._keys = list(self.report.decisions) if self.report is not None else []
        self._roomy = self._room_for_verdicts()
        self._cut = not self._roomy and not self._wrapped_fit()
        keep = self._selected if self._selected in self._keys else (self._keys[0] if self._keys else None)
        self._selected = keep
        prompts = [(k, self._prompt(k, k == keep)) for k in self._keys]
        if not self._keys:
            prompts.append((None, Text(t("dec.empty", self.lang), style="dim")))
        else:
            asked = len(questions(self.report, self.lang))
            if asked:  # the questions to ask locally, as many as the summary counts: the app's `l` lists them
                prompts.append((None, Text(t("dec.to_ask", self.lang).format(n=asked), style="yellow")))
        self._show_prompts(options, prompts)
        self._show_summary()
        if self._keys and options.highlighted != self._keys.index(keep):
            options.highlighted = self._keys.index(keep)

    def summary_text(self) -> Text:
        """The report's summary (the situation first) in short forms: a line each where the pane has room, else
        one line, cut with … at the pane's width (the reports give the sentences)."""
        if self.report is None or not self._keys:
            return Text()
        briefs = [i18n.show(line.brief, self.lang) for line in self.report.summary()]
        if self._roomy:
            return Text("\n".join(f"• {b}" for b in briefs))
        width = max(8, self.scrollable_content_region.width - 2)
        lines: list[str] = []
        for brief in briefs:  # whole briefs, on as many lines as the pane spares beside one line per decision
            if lines and cell_len(lines[-1] + " · " + brief) <= width:
                lines[-1] += " · " + brief
            else:
                lines.append(brief)
        if self._auto_height():
            spare = SUMMARY_LINES_SHORT
        else:
            spare = self.content_size.height - len(self._keys) - (1 if self.report.to_verify(self.lang) else 0)
        shown: list[str] = []
        rows = 0
        for line in lines:  # a brief longer than the pane is wrapped (the Static does it), not cut
            need = self._lines(Text(line), width) if self.is_mounted else 1
            if shown and rows + need > max(1, spare):
                break
            shown.append(line)
            rows += need
        if len(shown) < len(lines) and rows < max(1, spare):  # a row left: as much of the next line as it holds
            part = Text(lines[len(shown)])
            part.truncate(width, overflow="ellipsis")
            shown.append(part.plain)
        elif len(shown) < len(lines):
            last = Text(shown[-1] + " · …")
            if self._lines(last, width) > self._lines(Text(shown[-1]), width):
                last = Text(shown[-1])  # no room for the mark: the briefs left out are in the verdicts below
            shown[-1] = last.plain
        return Text("\n".join(shown))

    def _show_summary(self) -> None:
        summary = self.query_one("#decisions-summary", Static)
        text = self.summary_text()
        summary.display = bool(text.plain)
        summary.update(text)

    def _show_prompts(self, options: OptionList, prompts: list[tuple[str | None, Text]]) -> None:
        """The list as ``prompts`` (id, words; no id: a line that cannot be chosen): a prompt that changed is
        replaced where it is, and the list is built anew only when its lines are others."""
        shown = self._prompts
        self._prompts = prompts
        if shown is not None and [k for k, _ in shown] == [k for k, _ in prompts] \
                and options.option_count == len(prompts):
            for index, ((_, old), (_, new)) in enumerate(zip(shown, prompts)):
                if old != new:
                    options.replace_option_prompt_at_index(index, new)
            return
        options.set_options([Option(prompt, id=k, disabled=k is None) for k, prompt in prompts])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()  # followed as it happens (_highlighted)

    def _highlighted(self, index: int | None) -> None:
        """The list's highlight moved: the decision left is closed to its headline, the new one opened."""
        options = self.query_one(OptionList)
        if index is None or not 0 <= index < options.option_count:
            return
        key = options.get_option_at_index(index).id
        if key not in self._keys:
            return
        options = self.query_one(OptionList)
        previous = self._selected
        self._selected = key
        if previous != key:
            prompts = self._prompts or []
            for k, opened in ((previous, False), (key, True)):
                if k in self._keys:
                    prompt = self._prompt(k, opened)
                    options.replace_option_prompt(k, prompt)
                    index = self._keys.index(k)
                    if index < len(prompts):
                        prompts[index] = (k, prompt)
        if key != self._posted:
            self._posted = key
            self.chosen = key
            self.post_message(self.DecisionSelected(key))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()


# --------------------------------------------------------------------------------------------------------------
# The explanation: verdict and trace tree


def step_label(step: Step, lang: str, shown: StepView | None = None) -> Text:
    """A trace step as one tree label: the engine's line, with ⚠ for seed/assumed values and ✎ for overrides
    (``shown``: the step's view in ``lang``, if it is at hand)."""
    v = shown or view(step, lang)
    if v.is_param:
        conf = v.confidence or ""
        text = Text()
        if v.flag(lang):
            text.append(v.flag(lang) + " ", style=USER_STYLE if v.user else VERIFY_STYLE)
        words = " ".join(part for part in (v.mark, param_words(step, lang), v.result, v.origin) if part)
        text.append(words, style="dim" if conf in ("official", "secondary") else "")
        return text
    return Text(v.line, style={True: "green", False: "red"}.get(v.passed, ""))


def source_label(step: Step, lang: str, shown: StepView | None = None) -> Text | None:
    source = (shown or view(step, lang)).source
    return Text(source, style="dim italic") if source is not None else None


def add_step(parent: TreeNode, step: Step, lang: str, depth: int = 1) -> None:
    """``step`` as a node of a trace tree under ``parent``: its line, then its source and note, then the steps
    it is made of (the first level opened)."""
    shown = view(step, lang)
    label, source = step_label(step, lang, shown), source_label(step, lang, shown)
    if not (step.children or source is not None or shown.note):
        parent.add_leaf(label, data=step)
        return
    node = parent.add(label, data=step, expand=depth == 1)
    if source is not None:
        node.add_leaf(source, data=None)
    if shown.note:
        node.add_leaf(Text(shown.note, style="dim"), data=None)
    for child in step.children:
        add_step(node, child, lang, depth + 1)


Path = tuple[tuple[str, int], ...]


class ExplanationPane(Vertical):
    """The verdict of one decision and its trace, expandable down to each parameter and source."""

    DEFAULT_CSS = """
    ExplanationPane { height: 1fr; }
    ExplanationPane > #why-verdict { height: auto; padding: 0 1; }
    ExplanationPane > Tree { height: 1fr; }
    ExplanationPane > #why-line { height: auto; max-height: 40%; padding: 0 1; border-top: solid $panel-lighten-2;
                                  display: none; }
    ExplanationPane > #why-line.-shown { display: block; }
    """

    def __init__(self, lang: str = "zh", *, id: str | None = None, classes: str | None = None,
                 name: str | None = None) -> None:
        super().__init__(id=id, classes=classes, name=name)
        self.lang = lang
        self.report: Report | None = None
        self.key: str | None = None
        # per decision: the paths of expanded nodes and of the cursor, so re-showing keeps the view
        self._memory: dict[str, tuple[set[Path], Path | None]] = {}
        self._shown: tuple | None = None  # what the pane draws now (decision, words, trace)

    def compose(self) -> ComposeResult:
        yield Static(Text(t("why.pick", self.lang), style="dim"), id="why-verdict")
        tree: Tree[Step | None] = WhyTree("", id="why-tree")
        tree.show_root = True
        yield tree
        # the highlighted line of the tree in full, wrapped: a tree row is one line and cuts a long one
        yield Static("", id="why-line")

    def on_mount(self) -> None:
        self.border_title = t("pane.why", self.lang)
        if self.report is not None and self.key is not None:
            self._rebuild()

    # -- public --------------------------------------------------------------------------------------------

    def show(self, report: Report, key: str, lang: str | None = None) -> None:
        """Show decision ``key`` of ``report``; re-showing the same decision keeps what was expanded."""
        if self.is_mounted and self.key is not None and self.report is not None:
            self._remember()
        self.report, self.key = report, key
        if lang is not None:
            self.lang = lang
        if self.is_mounted:
            self._rebuild()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self._show_line(event.node)

    def _show_line(self, node: TreeNode | None) -> None:
        """Under the tree, the highlighted row in full when the tree is too narrow for it."""
        line = self.query_one("#why-line", Static)
        label = node.label if node is not None else None
        tree = self.query_one(Tree)
        depth, up = 0, node
        while up is not None and up.parent is not None:
            depth, up = depth + 1, up.parent
        room = tree.scrollable_content_region.width - 4 * depth - 2
        cut = label is not None and room > 0 and label.cell_len > room
        update_static(line, label.copy() if cut else "")
        line.set_class(cut, "-shown")

    # -- state ---------------------------------------------------------------------------------------------

    @staticmethod
    def _path(node: TreeNode) -> Path:
        parts: list[tuple[str, int]] = []
        while node.parent is not None:
            rule = node.data.rule if isinstance(node.data, Step) else str(node.label.plain)
            same = [n for n in node.parent.children
                    if (n.data.rule if isinstance(n.data, Step) else str(n.label.plain)) == rule]
            parts.append((rule, same.index(node)))
            node = node.parent
        return tuple(reversed(parts))

    def _remember(self) -> None:
        tree = self.query_one(Tree)
        expanded: set[Path] = set()

        def walk(node: TreeNode) -> None:
            for child in node.children:
                if child.is_expanded:
                    expanded.add(self._path(child))
                walk(child)

        walk(tree.root)
        cursor = tree.cursor_node
        self._memory[self.key] = (expanded, self._path(cursor) if cursor is not None else None)

    # -- drawing -------------------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        lang = self.lang
        verdict = self.query_one("#why-verdict", Static)
        tree = self.query_one(Tree)
        outcome = self.report.decisions.get(self.key) if self.report is not None else None
        # what the pane draws: the decision, its status, verdict and trace
        shown = (self.key, lang) if outcome is None else (
            self.key, lang, outcome.status, outcome.verdict_text(lang), tuple(s.record() for s in outcome.trace))
        if shown == self._shown:
            return  # the same decision, words and trace (e.g. a keystroke that changed another decision)
        self._shown = shown
        if outcome is None:
            update_static(verdict, Text(t("why.pick", lang), style="dim"))
            tree.reset("")
            return
        status = outcome.status if outcome.status in STATUS_MARK else "unknown"
        head = Text()
        head.append(f"{STATUS_MARK[status]} {decision_title(self.key, lang)} · {term(status, lang)}",
                    style=STATUS_STYLE[status])
        head.append("\n" + clauses(verdict_of(outcome, lang)))
        update_growing(verdict, head)  # the verdicts' area keeps its height from decision to decision

        memory = self._memory.get(self.key)
        with tree.growing():
            tree.reset(Text(f"{STATUS_MARK[status]} {decision_title(self.key, lang)}", style=STATUS_STYLE[status]))
            tree.root.expand()
            if not outcome.trace:
                tree.root.add_leaf(Text(t("why.no_trace", lang), style="dim"))
            for step in outcome.trace:
                add_step(tree.root, step, lang)
            if memory is not None:
                self._restore(tree, *memory)

    def _restore(self, tree: Tree, expanded: set[Path], cursor: Path | None) -> None:
        target = None

        def walk(node: TreeNode) -> None:
            nonlocal target
            for child in node.children:
                path = self._path(child)
                if child.allow_expand and child.is_expanded != (path in expanded):
                    child.toggle()
                if path == cursor:
                    target = child
                walk(child)

        walk(tree.root)
        if target is not None:
            tree.call_after_refresh(tree.move_cursor, target)
