"""The app's parsed styles kept between runs (tui/csscache.py): the same rules as parsing gives, or parsing.

The first frame is held within 1.3x and every pane within 1.6x of a bare Textual app (docs/benchmarks.md), and
Textual parsed the same CSS on every start; saved files are readable by their owner only, nothing left behind.
"""

from __future__ import annotations

import pickle
import stat
from datetime import date

import pytest

from tests.conftest import ROOT, panes_built
from tui import csscache
from tui.app import YibaoApp

XUZHOU = ROOT / "profiles" / "xuzhou-flexible-man.toml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(csscache.ENV_VAR, str(folder))
    return folder


def comparable(rules: dict) -> dict:
    """A rule set's values, its layout by name (a layout object equals only itself)."""
    return {name: (value.name if name == "layout" else value) for name, value in rules.items()}


async def started(keep: bool = True) -> YibaoApp:
    """An app run until its panes are built and then closed; its stylesheet's parse cache stays to be read."""
    app = YibaoApp(path=XUZHOU, as_of=date(2026, 11, 22))
    app.keep_styles = keep
    async with app.run_test(size=(140, 42)) as pilot:
        await panes_built(pilot)
        app.screenshot = app.export_screenshot()
        app.rules_seen = [(rule.selector_names, comparable(rule.styles.get_rules())) for rule in app.stylesheet.rules]
    return app


async def test_the_styles_parsed_once_are_given_back_next_time_and_style_the_app_the_same(cache):
    first = await started()
    assert first.stylesheet._parse_cache.taken == 0  # parsed, and written once the screen was complete
    path = cache / csscache.FILE_NAME
    assert len(pickle.loads(path.read_bytes())[1]) > 10
    written = path.stat().st_mtime_ns
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in cache.iterdir()] == [csscache.FILE_NAME]  # nothing left behind
    second = await started()
    kept = second.stylesheet._parse_cache
    assert kept.taken > 10 and kept.parsed == 0  # every style sheet came from the file
    assert path.stat().st_mtime_ns == written  # nothing new: not written again
    assert second.rules_seen == first.rules_seen
    assert second.screenshot == first.screenshot  # drawn the same


async def test_a_damaged_or_foreign_file_means_parsing_and_is_written_again(cache):
    await started()
    path = cache / csscache.FILE_NAME
    path.write_bytes(b"not a pickle")
    app = await started()
    assert app.stylesheet._parse_cache.taken == 0
    header, rules = pickle.loads(path.read_bytes())  # written again, whole
    assert rules
    path.write_bytes(pickle.dumps(((csscache.FORMAT, ("/elsewhere/textual", ()), header[2]), rules)))  # another's
    app = await started()
    assert app.stylesheet._parse_cache.taken == 0


async def test_a_file_others_may_write_is_not_read(cache):
    await started()
    path = cache / csscache.FILE_NAME
    path.chmod(0o666)
    app = await started()
    assert app.stylesheet._parse_cache.taken == 0


async def test_an_app_under_test_neither_reads_nor_writes_the_file(cache):
    app = await started(keep=None)
    assert app.stylesheet._parse_cache.taken == 0
    assert not cache.exists()


async def test_new_theme_variables_forget_the_rules_parsed_for_the_old_ones(cache):
    app = YibaoApp(path=XUZHOU, as_of=date(2026, 11, 22))
    app.keep_styles = True
    async with app.run_test(size=(140, 42)) as pilot:
        await pilot.pause()
        kept = app.stylesheet._parse_cache
        assert len(kept) > 0
        app.stylesheet.set_variables({**app.stylesheet._variables, "primary": "#123456"})
        assert len(kept) == 0 and kept.parsed == 0
        kept["p { color: red; }", ("x", "y"), False, 0, ""] = []  # parsed for the new variables
        app.stylesheet._variables["primary"] = "#654321"  # then changed behind the stylesheet's back: not kept
        assert not csscache.keep(app)
