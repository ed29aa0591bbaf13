"""Help: every key and what each pane means, in Chinese or English."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ..i18n import t
from .base import KeyLabels, StyledOnce

HELP_ZH = """\
## 按键

- `Ctrl+S`：保存档案（原子写入，旧文件留作 .bak）；内置示例另存为您文件夹里的副本
- `Ctrl+O`：档案列表：打开、新建（n）、复制（c）、改名（r）、删除（d，会先询问）
- `a`：添加缴费时段
- `e`：编辑时间线上选中的时段
- `d`：删除时间线上选中的时段（会先询问）
- `x`：把报告导出为 Markdown（写在档案旁边）
- `v`：需向当地核实的数据：报告用到的种子文章、假定或未知数据
- `c`：方案对比：现在停缴、改参居民医保、换档次、提前或推迟退休、换待遇地、补缴方式，各方案并排（≠ 标出与现状不同之处），选中格子看依据；下方是停缴月份与总费用的图；`t` 切换到“哪个城市”排名；`x` 导出 Markdown
- `l`：本地规定：填写您从当地医保经办机构或12393问到的数字（年限、退休划入、补缴基数和费率、等待期），写上从哪里、哪天得知；保存后该地的每份档案都会用它。上方列出该问的问题（命令行：`yibao check 档案 --questions`；也可用 `yibao regions add 文件` 装入）
- `?`：本帮助
- `Ctrl+P`：命令面板：以上所有操作，另有保存截图、切换语言
- `q`：退出；有未保存的修改时先询问
- `Tab` / `Shift+Tab`：在各栏和输入框之间移动
- `Esc`：离开输入框（单键快捷键在输入框里会被当作文字输入）
- `←` / `→`：切换 ◂ ▸ 选项（性别、原退休年龄、退休补缴）；在地区上按 Enter 打开地区选择（可按代码、中文或英文筛选）

## 各栏的含义

- **档案**：您的基本情况。直接修改：每个值输入时即由引擎检查，有错时在该栏下方说明错在哪里、应该是什么；有错的值不会参与计算。待遇地是将来享受退休医保待遇的地方。政策覆盖：您确知的本地规定，优先于内置数据，并在解释中标为“用户填写”。
- **结论**：每个问题的答案。✔ 达标，✖ 未达标，? 未知（缺少数据或尚待核实），ℹ 说明。选中一项，右边显示原因。
- **解释**：引擎得出结论的每一步：用到的规则、参数及其地区、生效日期、出处和可信度（官方、转述、种子文章、假定、用户填写）。
- **缴费时间线**：各险种的缴费时段，标出断缴、视同缴费、补缴、改革时间、今天和退休月份。用 ↑↓ 选择时段，e 编辑，d 删除。

颜色从不是唯一的标志：每种状态都有符号或文字。档案保存在您自己的电脑上，只有您本人可读。
"""

HELP_EN = """\
## Keys

- `Ctrl+S`: save the profile (atomic; the old file is kept as .bak); a bundled example is saved as a copy in your folder
- `Ctrl+O`: the profile list: open, new (n), duplicate (c), rename (r), delete (d, asks first)
- `a`: add a contribution period
- `e`: edit the period selected on the timeline
- `d`: delete the period selected on the timeline (asks first)
- `x`: export the report as Markdown (next to the profile)
- `v`: what to verify locally: the seed, assumed or unknown figures the report used
- `c`: compare scenarios: stop now, resident insurance, another tier, retire early or late, another benefit region, how to settle a shortfall, side by side (≠ marks what differs from the plan); a cell shows its trace; below, the total cost by the month contributions stop; `t` switches to the "which city" ranking; `x` exports Markdown
- `l`: local figures (本地规定): enter what you learned from the local medical insurance office or 12393 (years required, retiree credit, back-payment base and rates, waiting period), with where and when; every profile of that place then uses them. The questions to ask are listed above the fields (command line: `yibao check PROFILE --questions`; or install a file with `yibao regions add FILE`)
- `?`: this help
- `Ctrl+P`: the command palette: every action above, plus save a screenshot and switch the language
- `q`: quit; asks first when there are unsaved changes
- `Tab` / `Shift+Tab`: move between panes and fields
- `Esc`: leave a text field (single-letter keys are typed as text inside a field)
- `←` / `→`: change a ◂ ▸ choice (sex, original age, backpay); Enter on a region opens the region picker (filter by id, Chinese or English name)

## What the panes mean

- **Profile**: your situation. Edit in place: each value is checked by the engine as you type; a wrong value is
  explained under its field (what is wrong, what is expected) and is never used. The region is where you will draw
  retiree medical benefits. Policy overrides: local rules you know for sure; they win over the bundled data and the
  explanation marks them as "user".
- **Decisions**: the answer to each question. ✔ met, ✖ not met, ? unknown (data missing or to be verified),
  ℹ information. Select one to see why on the right.
- **Why**: every step the engine took: the rules applied, the parameters with their region, date in force, source
  and confidence (official, secondary, seed article, assumed, user).
- **Contribution timeline**: the periods of each insurance, with lapses, deemed years, back-payments, reform dates,
  today and the retirement month marked. Select a period with ↑↓, e edits it, d deletes it.

Colour is never the only signal: each state has a symbol or a word. Your profiles stay on your own computer,
readable by you only.
"""


class MarkdownText(Widget):
    """Markdown drawn by Rich as one widget, its lines rendered once per width (Textual's ``Markdown`` builds a
    widget per block and list item: about 600 ms to open the help at 140x42)."""

    DEFAULT_CSS = "MarkdownText { height: auto; }"

    def __init__(self, source: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.source = source
        self._lines: dict[tuple, list[Strip]] = {}
        self._markdown = None  # parsed once

    def lines(self, width: int) -> list[Strip]:
        key = (width, self.rich_style)  # drawn again for another width or theme
        if key not in self._lines:
            if self._markdown is None:
                from rich.markdown import Markdown

                self._markdown = Markdown(self.source)
            console = self.app.console
            options = console.options.update_width(max(1, width))
            rendered = console.render_lines(self._markdown, options, style=self.rich_style, pad=True)
            self._lines[key] = [Strip(line, width) for line in rendered]
        return self._lines[key]

    def set_source(self, source: str) -> None:
        if source != self.source:
            self.source, self._markdown, self._lines = source, None, {}
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self.lines(width)
        return lines[y] if 0 <= y < len(lines) else Strip.blank(width, self.rich_style)


class MarkdownDialog(StyledOnce, KeyLabels, ModalScreen[None]):
    """A scrolling dialog of Markdown under a title; subclasses give the title key, the body and their close keys."""

    TITLE_KEY = "help.title"
    AUTO_FOCUS = "#help-body"  # focused as the dialog is shown, not focused elsewhere first and moved (a restyle)

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang

    def body(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog help"):
            yield Static(f"{t('app.title', self.lang)} · {t(self.TITLE_KEY, self.lang)}", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield MarkdownText(self.body(), id="dialog-text")
            yield Static(t("help.close_hint", self.lang), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


class HelpScreen(MarkdownDialog):
    BINDINGS = [Binding("escape,q,question_mark", "close", "key.close", key_display="Esc")]

    def body(self) -> str:
        return HELP_EN if self.lang == "en" else HELP_ZH
