"""The region picker, driven with pilot: it searches with engine.search_regions and says when nothing matches."""

from __future__ import annotations

import pytest
from textual.app import App

from tui.screens.region_picker import RegionPicker


class PickerApp(App):
    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang
        self.picked: list = []

    def on_mount(self) -> None:
        self.push_screen(RegionPicker(self.lang), self.picked.append)


@pytest.mark.parametrize("query", ["成都", "chengdu", "sichuan", "cd"])
async def test_typing_finds_chengdu_and_enter_picks_it(query):
    app = PickerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, RegionPicker)
        await pilot.press(*query)
        await pilot.pause()
        assert "sichuan.chengdu" in picker.shown_ids and picker.nothing_text == ""
        index = picker.shown_ids.index("sichuan.chengdu")  # "sichuan" lists the province first
        await pilot.press(*["down"] * index)
        await pilot.press("enter")
        await pilot.pause()
    assert app.picked == ["sichuan.chengdu"]


async def test_each_line_says_whether_the_place_has_data_of_its_own():
    app = PickerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen
        await pilot.press(*"绵阳")
        await pilot.pause()
        from textual.widgets import OptionList

        line = str(picker.query_one(OptionList).get_option_at_index(0).prompt)
        assert "绵阳市" in line and "四川省" in line and "无本地数据" in line
        await pilot.press("backspace", "backspace", *"xuzhou")
        await pilot.pause()
        line = str(picker.query_one(OptionList).get_option_at_index(0).prompt)
        assert "徐州市" in line and "有本地数据" in line


@pytest.mark.parametrize("lang, words", [("zh", "没有找到“qqqzzz”"), ("en", 'Nothing matches "qqqzzz"')])
async def test_nothing_found_is_said_in_plain_words(lang, words):
    app = PickerApp(lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen
        await pilot.press(*"qqqzzz")
        await pilot.pause()
        assert picker.shown_ids == [] and words in picker.nothing_text
        await pilot.press("enter")  # nothing to pick: the picker stays
        await pilot.pause()
        assert app.screen is picker
        await pilot.press("escape")
        await pilot.pause()
    assert app.picked == [None]


async def test_a_name_an_arrow_and_enter_sent_at_once_act_in_the_order_typed():
    """tmux ``send-keys sichuan Down Enter``: the arrow moves in the list of what was typed and Enter picks there
    (the arrow and Enter were acted on before the search of the letters, or after the letters that followed)."""
    from textual import events

    app = PickerApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen
        await pilot.press(*"sichuan")
        await pilot.pause()
        second = picker.shown_ids[1]
        await pilot.press(*["backspace"] * len("sichuan"))
        await pilot.pause()
        for key in [*"sichuan", "down", "enter", *"xyz"]:  # all delivered before the app handles the first
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        for _ in range(4):
            await pilot.pause()
    assert app.picked == [second]
