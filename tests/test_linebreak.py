"""Chinese line breaking (tui/linebreak.py): lines break between Chinese characters and fill up to the edge, no
wrapped line begins with a closing mark or ends with an opening one where the characters around the break can go
down together, and text without Chinese breaks where Rich breaks it.

Source: GB/T 15834-2011 标点符号用法 and W3C "Requirements for Chinese Text Layout" §3.1.7 (行首行尾禁则); found
when a line of the why pane began with "，", and when ``yibao compare`` left "≠" alone on a line above the sentence
that followed it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from rich._wrap import divide_line as rich_divide_line

from tui.linebreak import _WORD, NO_LINE_END, NO_LINE_START, divide_line

ALPHABET = "医保缴费年限要求未知退休个月" + "，。、；：？！（）《》“”" + "0123456789abc" + " ,.()"


def lines_of(text: str, offsets: list[int]) -> list[str]:
    return [text[i:j] for i, j in zip([0] + offsets, offsets + [len(text)])]


@pytest.mark.parametrize("text, width, expected", [
    # 何师傅's verdict at 11 columns: Rich folds "退休" and "，医保缴费" apart; the 休 goes down with the comma
    ("按现行规定您将于2038年4月（62岁8个月）退休，医保缴费年限40年9个月，要求未知。", 11,
     ["按现行规定", "您将于2038", "年4月（62岁", "8个月）退", "休，医保缴", "费年限40年9", "个月，要求", "未知。"]),
    ("要求未知。", 8, ["要求未", "知。"]),                          # not 要求未知 / 。
    ("医保缴费，要求未知", 8, ["医保缴", "费，要求", "未知"]),        # not 医保缴费 / ，要求未 / 知
    ("医保缴（要求）", 8, ["医保缴", "（要求）"]),                    # "（" does not end the first line
    # compare's footnote: Rich put "≠ " alone on the first line and the whole sentence below it
    ("≠ 与现状不同；未知的数字见各方案的依据（缺哪一项数据）。", 20,
     ["≠ 与现状不同；未知的", "数字见各方案的依据", "（缺哪一项数据）。"]),
    ("退休 2029-04▼ 按现行规定", 12, ["退休 ", "2029-04▼ 按", "现行规定"]),  # 2029-04▼ stays one word
])
def test_a_break_before_a_closing_mark_moves_back(text, width, expected):
    assert lines_of(text, divide_line(text, width)) == expected


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=80), st.integers(min_value=4, max_value=40))
def test_lines_keep_the_words_and_the_width(text, width):
    offsets = divide_line(text, width)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    lines = lines_of(text, offsets)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)
    for before, line in zip(lines, lines[1:]):
        chinese = cell_len(before[-1]) == 2 or cell_len(line[0]) == 2
        one_word = len(_WORD.findall(before)) == 1  # nothing could go down from a line of one word
        if line[0] in NO_LINE_START and chinese:
            assert one_word or before[-1].isspace() or before[-1] in NO_LINE_START
        if before[-1] in NO_LINE_END and chinese:
            assert one_word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc de,.()-12’—…·“ ", min_size=1, max_size=80), st.integers(min_value=1, max_value=30),
       st.booleans())
def test_text_without_chinese_breaks_where_rich_breaks_it(text, width, fold):
    assert divide_line(text, width, fold) == rich_divide_line(text, width, fold)
