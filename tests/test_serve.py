"""``yibao serve``: the app in a web browser (tui/serve.py), and the app's one-pane-at-a-time layout for a phone.

The first tests need no browser: the gate (a loopback name on a local address, the one-time key otherwise, the
terminal's connection from the page itself), the page (nothing from elsewhere), the command line, and the layout at
60 columns in Textual's own test harness. The last ones drive a real headless Chromium (tests/browser.py): they start
``yibao serve`` on a free loopback port, open the page, open an example, add a period and save it, and read what the
page's terminal shows; at a phone's size, one pane at a time; on a network address, no page without the key. They are
skipped, saying why, when no Chromium is installed (Debian: ``apt-get install chromium``; another binary:
``YIBAO_CHROMIUM=/path/to/chrome``). ``YIBAO_SCREENSHOTS=DIR`` keeps a screenshot of each step there.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from engine import load_profile
from engine.words import text
from tests.browser import Browser, find_chromium
from tests.conftest import ROOT, app_on, panes_built
from tui import serve
from tui.app import MainScreen
from tui.widgets.keybar import KeyBar

LANG = "zh"
START_SECONDS = 30.0
SCREENSHOTS = os.environ.get("YIBAO_SCREENSHOTS")
CHROMIUM = find_chromium()
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (Debian: apt-get install chromium; or YIBAO_CHROMIUM=PATH): "
                             "the browser test of yibao serve is skipped")


def refusal(reason: str) -> str:
    return text("serve", reason, LANG)


# -- the gate and the page, in this process ------------------------------------------------------------------------


async def client(key: str | None = None) -> TestClient:
    site = serve.Site(serve.app_command(LANG, None), LANG, key)
    started = TestClient(TestServer(site.web_app(), host="127.0.0.1"))
    await started.start_server()
    return started


async def test_a_local_page_opens_by_a_loopback_name_only():
    web = await client()
    try:
        page = await web.get("/")
        assert page.status == 200 and "textual-terminal" in await page.text()
        for name in ("localhost", "[::1]"):
            assert (await web.get("/", headers={"Host": f"{name}:8000"})).status == 200
        elsewhere = await web.get("/", headers={"Host": "example.com:8000"})  # a name made to point at 127.0.0.1
        assert elsewhere.status == 403 and refusal("refused.host") in await elsewhere.text()
        assert (await web.get("/static/js/textual.js")).status == 200
        assert (await web.get("/static/images/background.png")).status == 404  # only the page's own files
        assert (await web.get("/static/../server.py")).status in (403, 404)
    finally:
        await web.close()


async def test_a_network_page_needs_the_key_in_its_address():
    key = "k" * 24
    web = await client(key)
    try:
        for path in ("/", "/static/js/textual.js", f"/{key[:-1]}/", f"/{key}x/", "/favicon.ico"):
            refused = await web.get(path)
            assert refused.status == 403, path
            assert refusal("refused.key") in await refused.text(), path
        page = await web.get(f"/{key}/")
        assert page.status == 200 and "textual-terminal" in await page.text()
        assert (await web.get(f"/{key}/static/js/textual.js")).status == 200
        assert (await web.get(f"/{key}", allow_redirects=False)).headers["Location"] == f"/{key}/"
    finally:
        await web.close()


async def test_the_terminals_connection_needs_the_key_and_the_page_itself():
    key = "k" * 24
    web = await client(key)
    try:
        for path, origin in (("/ws", None), (f"/{key}x/ws", None), (f"/{key}/ws", "http://example.com")):
            headers = {"Origin": origin} if origin else {}
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await web.ws_connect(path, headers=headers)
            assert refused.value.status == 403, path
        assert (await web.get(f"/{key}/ws")).status == 400  # a plain request starts no app
    finally:
        await web.close()


class Loads(HTMLParser):
    """Every address an HTML page loads (src, href) and every url() of its styles."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self.styles = ""

    def handle_starttag(self, tag, attrs):
        self.addresses += [value for name, value in attrs if name in ("src", "href") and value]

    def handle_data(self, data):
        self.styles += data


async def test_the_page_loads_nothing_from_elsewhere():
    web = await client()
    try:
        page = await web.get("/")
        loads = Loads()
        loads.feed(await page.text())
        addresses = loads.addresses + re.findall(r"url\(\s*['\"]?([^'\")]+)", loads.styles)
        assert "static/js/textual.js" in addresses and "static/fonts/RobotoMono-VariableFont_wght.ttf" in addresses
        for address in addresses:
            assert address.startswith(("static/", "data:")), address
            if address.startswith("static/"):
                assert (await web.get("/" + address)).status == 200, address
        policy = page.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "connect-src 'self'" in policy and "http" not in policy
        assert page.headers["Referrer-Policy"] == "no-referrer"
    finally:
        await web.close()


def test_the_app_runs_as_in_a_terminal_with_the_folder_given():
    command = serve.app_command("en", "~/my profiles")
    assert command.startswith(f"{sys.executable} -m tui --lang en --profiles-dir ")
    assert str(Path("~/my profiles").expanduser().resolve()) in command and "'" in command  # quoted for the shell
    assert serve.app_command("zh", None).endswith("-m tui --lang zh")


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
                                         ("0.0.0.0", False), ("::", False), ("192.168.1.5", False)])
def test_what_is_served_to_this_machine_only(host, local):
    assert serve.is_loopback(host) is local


# -- the command line -----------------------------------------------------------------------------------------------


async def start(*args: str) -> tuple[asyncio.subprocess.Process, list[str]]:
    """``yibao serve ARGS`` started, and the lines it has said by the time its address is out."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tui", "serve", "--lang", LANG, *args, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    said = []
    while not any("http://" in line for line in said):
        line = await asyncio.wait_for(process.stdout.readline(), START_SECONDS)
        if not line:
            raise AssertionError(f"yibao serve ended: {(await process.stderr.read()).decode()}")
        said.append(line.decode("utf-8"))
    return process, said


async def stop(process: asyncio.subprocess.Process) -> str:
    """Ctrl+C to the server: it ends by itself, exit 0; what it wrote on standard error."""
    process.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(process.wait(), START_SECONDS)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        raise
    errors = (await process.stderr.read()).decode("utf-8")
    assert process.returncode == 0, errors
    return errors


def address_in(lines: list[str]) -> str:
    return re.search(r"http://\S+/", "".join(lines)).group(0)


async def test_serve_says_its_local_address_and_stops_cleanly_on_ctrl_c():
    process, said = await start("--port", "0")
    address = address_in(said)
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", address)
    async with aiohttp.ClientSession() as web:
        async with web.get(address) as page:
            assert page.status == 200
    errors = await stop(process)
    assert "Traceback" not in errors


async def test_serving_on_the_network_warns_and_puts_a_one_time_key_in_the_address():
    process, said = await start("--host", "0.0.0.0", "--port", "0")
    try:
        address = address_in(said)
        port, key = re.fullmatch(r"http://[^/]+:(\d+)/([\w-]{20,})/", address).groups()
        local = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as web:
            for path in ("/", "/not-the-key/"):
                async with web.get(local + path) as refused:
                    assert refused.status == 403 and refusal("refused.key") in await refused.text()
            async with web.get(f"{local}/{key}/") as page:
                assert page.status == 200
    finally:
        errors = await stop(process)
    assert text("serve", "network_warning", LANG) in errors  # on standard error, before the address
    again, said = await start("--host", "0.0.0.0", "--port", "0")
    await stop(again)
    assert address_in(said).split("/")[3] != key  # a new key for every start


async def test_a_port_in_use_is_said_in_words():
    process, said = await start("--port", "0")
    try:
        port = re.search(r":(\d+)/", address_in(said)).group(1)
        second = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tui", "serve", "--port", port, "--lang", LANG, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        out, errors = await asyncio.wait_for(second.communicate(), START_SECONDS)
        assert second.returncode == 1
        assert errors.decode("utf-8").strip() == "yibao: " + text(
            "serve", "cannot_serve", LANG, address=f"127.0.0.1:{port}", reason=text("serve", "in_use", LANG))
    finally:
        await stop(process)


@pytest.mark.parametrize("port", ["70000", "abc", "-1"])
def test_a_port_that_cannot_be_is_refused_in_words(port):
    done = subprocess.run([sys.executable, "-m", "tui", "serve", f"--port={port}"], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert done.stderr == f"yibao: {text('cli', 'bad_port', LANG, value=port)}\n"


def test_serve_has_help_in_the_readers_language():
    done = subprocess.run([sys.executable, "-m", "tui", "serve", "--help", "--lang", "en"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0
    for key in ("help.serve", "help.host", "help.port"):
        first_words = " ".join(text("cli", key, "en").split()[:3])
        assert first_words in " ".join(done.stdout.split()), key


# -- one pane at a time, in Textual's harness ----------------------------------------------------------------------


def panes_shown(screen: MainScreen) -> list[str]:
    return [name for name in ("profile", "decisions", "why", "timeline")
            if screen.query_one(f"#{name}").display and screen.query_one(f"#{name}").region.width > 0]


async def test_at_60_columns_one_pane_shows_at_a_time_and_the_pane_key_goes_through_them(user_dir):
    app = app_on()
    async with app.run_test(size=(60, 40)) as pilot:
        await panes_built(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.has_class("-single")
        assert panes_shown(screen) == ["decisions"] and screen.query_one("#decisions").region.width == 60
        assert screen.query_one(KeyBar).plain.strip().startswith(f"f2 {text('app', 'key.next_pane', LANG)} ")
        for key, pane in (("f2", "why"), ("p", "timeline"), ("f2", "profile"), ("p", "decisions")):
            await pilot.press(key)
            await pilot.pause()
            assert panes_shown(screen) == [pane], key
            focused = screen.focused
            if pane == "profile":
                assert focused is None  # the pane key keeps working there; a tap or Tab picks a field
            else:
                assert focused is not None and screen.query_one(f"#{pane}") in focused.ancestors
        screen.query_one("#f-person-birth").focus()  # a field focused (a tap, Tab): its pane shows
        await pilot.pause()
        assert panes_shown(screen) == ["profile"]
        await pilot.press("p")  # typed into the field, as a letter should be
        await pilot.pause()
        assert "p" in screen.query_one("#f-person-birth").value and panes_shown(screen) == ["profile"]
        await pilot.press("escape")  # out of the field: the decisions
        await pilot.pause()
        assert panes_shown(screen) == ["decisions"]


async def test_at_80_columns_the_panes_stay_side_by_side_and_the_pane_key_is_not_offered(user_dir):
    app = app_on()
    async with app.run_test(size=(80, 24)) as pilot:
        await panes_built(pilot)
        screen = app.screen
        assert not screen.has_class("-single") and len(panes_shown(screen)) == 4
        assert "f2" not in screen.query_one(KeyBar).plain
        await pilot.press("f2")
        await pilot.pause()
        assert len(panes_shown(screen)) == 4
        await pilot.resize_terminal(60, 24)  # narrower: one pane, and the key offered
        await pilot.pause()
        assert panes_shown(screen) == ["decisions"] and "f2" in screen.query_one(KeyBar).plain


# -- in a real browser ------------------------------------------------------------------------------------------------


async def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        await page.screenshot(Path(SCREENSHOTS) / f"{name}.png")


async def select_in_list(page, needle: str, presses: int = 15) -> None:
    """Move down the profile list until the selected file (shown under the list) is ``needle``."""
    for _ in range(presses):
        shown = await page.screen_text()
        if any(line.strip().endswith("/" + needle) for line in shown.splitlines()):
            return
        await page.key("down")
        for _ in range(25):
            await asyncio.sleep(0.1)
            if await page.screen_text() != shown:
                break
    raise AssertionError(f"{needle} never selected in the list:\n{await page.screen_text()}")


@needs_chromium
async def test_in_chromium_an_example_is_read_a_period_added_and_saved_and_a_phone_gets_one_pane(tmp_path):
    folder = tmp_path / "profiles"
    process, said = await start("--port", "0", "--profiles-dir", str(folder))
    address = address_in(said)
    try:
        async with Browser(CHROMIUM, tmp_path / "browser") as browser:
            page = await browser.page()
            await page.call("Network.enable")
            await page.size(1280, 800)
            await page.open(address)
            await page.wait_for(text("app", "welcome.examples", LANG))  # no profile of one's own yet: the welcome
            await page.type("e")
            await page.wait_for(text("app", "list.title", LANG), "xuzhou-flexible-man.toml")  # the profile list
            await screenshot(page, "laptop-list")
            await select_in_list(page, "xuzhou-flexible-man.toml")
            await page.key("enter")
            await page.wait_for("张先生 · 徐州灵活就业", "─ 结论 ─", "─ 解释 ─", "─ 缴费时间线 ─",
                                "✕      职工医保  2009-01  2011-03")  # the lapse, as the timeline lists it
            await screenshot(page, "laptop-example")

            await page.type("a")
            await page.wait_for(text("app", "form.add", LANG))
            await page.type("2009-01")
            await page.key("tab")
            await page.type("2011-03")
            await page.key("enter")
            shown = await page.wait_for("职工医保  2009-01  2011-03  徐州市")  # the lapse filled
            assert f"({text('app', 'app.modified', LANG)})" in shown
            await page.key("ctrl+s")
            saved = folder / "张先生-徐州灵活就业.toml"  # an example is saved as a copy in the user's folder
            for _ in range(100):
                if saved.is_file():
                    break
                await asyncio.sleep(0.1)
            assert saved.is_file(), await page.screen_text()
            await screenshot(page, "laptop-saved")
            profile = load_profile(saved)
            assert any((str(p.start), str(p.end)) == ("2009-01", "2011-03") for p in profile.periods)
            assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # as the terminal app saves: the user's only

            phone = await browser.page()
            await phone.call("Network.enable")
            await phone.size(390, 844, mobile=True)
            await phone.open(address)
            await phone.wait_for("xuzhou-flexible-man.toml")
            columns = await phone.columns()
            assert 60 <= columns < 72, columns  # the page's font is made small enough for 60 columns
            await select_in_list(phone, "xuzhou-flexible-man.toml")
            await phone.key("enter")
            key = f"f2 {text('app', 'key.next_pane', LANG)}"
            shown = await phone.wait_for("─ 结论 ─", key)
            assert "─ 解释 ─" not in shown and "─ 档案 ─" not in shown
            await screenshot(phone, "phone-decisions")
            await phone.key("f2")
            shown = await phone.wait_for("─ 解释 ─")
            assert "─ 结论 ─" not in shown
            await phone.type("p")
            shown = await phone.wait_for("─ 缴费时间线 ─")
            assert "─ 解释 ─" not in shown
            await screenshot(phone, "phone-timeline")

            for each in (page, phone):
                loaded = browser.requests(each.session)  # all from the server, nothing from elsewhere
                assert loaded and all(u.startswith((address, address.replace("http", "ws", 1), "data:"))
                                      for u in loaded), loaded
                assert not browser.errors(each.session)
    finally:
        errors = await stop(process)
    assert "Traceback" not in errors


@needs_chromium
async def test_in_chromium_a_network_address_opens_with_its_key_only(tmp_path):
    process, said = await start("--host", "0.0.0.0", "--port", "0", "--profiles-dir", str(tmp_path / "profiles"))
    try:
        port, key = re.search(r":(\d+)/([\w-]+)/", address_in(said)).groups()
        local = f"http://127.0.0.1:{port}"
        async with Browser(CHROMIUM, tmp_path / "browser") as browser:
            page = await browser.page()
            for path in ("/", "/0123456789abcdefghijklmn/"):
                await page.open(local + path)
                await page.wait_for(refusal("refused.key"), text=page.body_text)
            await screenshot(page, "network-refused")
            await page.open(f"{local}/{key}/")
            await page.wait_for(text("app", "welcome.examples", LANG))
    finally:
        await stop(process)
