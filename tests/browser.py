"""Headless Chromium for the tests, driven over its DevTools protocol with aiohttp's websocket client.

The browser is the one installed on the machine (Debian's ``chromium``, or the one ``YIBAO_CHROMIUM`` names): nothing
is downloaded. It is started with a fresh profile in a temporary folder, with its own network traffic (updates,
safe browsing, sync) turned off and every host name other than the loopback one unresolvable, so that it talks to
127.0.0.1 only.

The text of the page's terminal is read from the terminal itself (xterm.js's screen buffer): the page's script keeps
its terminal inside its own closure, so it is found the way the browser's developer tools find such objects (the
closure of ``window.onload``, then every object of the terminal's class).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import aiohttp

BINARIES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
ENV_VAR = "YIBAO_CHROMIUM"
START_SECONDS = 30.0
CALL_SECONDS = 15.0
#: the pause before and after a named key, as between a person's keys: the app acts on such a key once the keys
#: before it are handled (Tab moves the focus, Enter saves what the fields hold), and letters sent at once after it
#: would land where the focus was
KEY_GAP = 0.3
LISTENING = re.compile(r"DevTools listening on (ws://\S+)")
FLAGS = [
    "--headless=new",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
    "--metrics-recording-only",
    "--no-pings",
    "--password-store=basic",
    "--use-mock-keychain",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]

#: the terminal's screen as lines of text, run on the object that holds the page's terminal
SCREEN_TEXT = """function () {
    const terminal = this.terminal, buffer = terminal.buffer.active, lines = [];
    for (let y = 0; y < terminal.rows; y++) {
        const line = buffer.getLine(buffer.viewportY + y);
        lines.push(line ? line.translateToString(true) : "");
    }
    return lines.join("\\n");
}"""
IS_TERMINAL_CLASS = "function () { return typeof this === 'function' && !!this.prototype && " \
                    "typeof this.prototype.connect === 'function' && typeof this.prototype.sendSize === 'function'; }"


def find_chromium() -> str | None:
    """The browser's program: ``$YIBAO_CHROMIUM``, else the first of the usual names on the PATH."""
    named = os.environ.get(ENV_VAR)
    if named:
        return shutil.which(named) or (named if os.access(named, os.X_OK) else None)
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserError(Exception):
    """The browser did not start, or did not answer."""


class Page:
    """One tab, driven over the browser's single connection (a DevTools session of its own)."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session
        self.terminal_id: str | None = None

    async def call(self, method: str, **params):
        return await self.browser.call(method, session=self.session, **params)

    async def size(self, width: int, height: int, mobile: bool = False, scale: float = 1) -> None:
        await self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=scale,
                        mobile=mobile)

    async def open(self, url: str) -> None:
        await self.call("Page.navigate", url=url)
        self.terminal_id = None

    async def evaluate(self, expression: str):
        answer = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    async def body_text(self) -> str:
        return await self.evaluate("document.body ? document.body.innerText : ''") or ""

    async def screenshot(self, path: Path) -> None:
        shot = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))

    async def _terminal(self) -> str | None:
        """The object id of the page's terminal (the script's own object around xterm.js), or None yet."""
        onload = await self.call("Runtime.evaluate", expression="window.onload")
        function = onload["result"].get("objectId")
        if function is None:
            return None
        inside = await self.call("Runtime.getProperties", objectId=function, ownProperties=False)
        scopes = [p["value"]["objectId"] for p in inside.get("internalProperties", []) if p["name"] == "[[Scopes]]"]
        for scopes_id in scopes:
            for scope in (await self.call("Runtime.getProperties", objectId=scopes_id, ownProperties=True))["result"]:
                scope_id = scope.get("value", {}).get("objectId")
                if scope_id is None:
                    continue
                variables = (await self.call("Runtime.getProperties", objectId=scope_id, ownProperties=True))["result"]
                for variable in variables:
                    value = variable.get("value", {})
                    if value.get("type") != "function" or "objectId" not in value:
                        continue
                    test = await self.call("Runtime.callFunctionOn", objectId=value["objectId"],
                                           functionDeclaration=IS_TERMINAL_CLASS, returnByValue=True)
                    if not test["result"].get("value"):
                        continue
                    prototype = await self.call("Runtime.callFunctionOn", objectId=value["objectId"],
                                                functionDeclaration="function () { return this.prototype; }")
                    found = await self.call("Runtime.queryObjects", prototypeObjectId=prototype["result"]["objectId"])
                    first = await self.call("Runtime.callFunctionOn", objectId=found["objects"]["objectId"],
                                            functionDeclaration="function () { return this[0]; }")
                    return first["result"].get("objectId")
        return None

    async def screen_text(self) -> str:
        """What the page's terminal shows now, line by line ('' before it exists)."""
        if self.terminal_id is None:
            self.terminal_id = await self._terminal()
            if self.terminal_id is None:
                return ""
        answer = await self.call("Runtime.callFunctionOn", objectId=self.terminal_id, functionDeclaration=SCREEN_TEXT,
                                 returnByValue=True)
        return answer["result"].get("value") or ""

    async def columns(self) -> int:
        """How many columns the page's terminal has."""
        if self.terminal_id is None:
            await self.screen_text()
        answer = await self.call("Runtime.callFunctionOn", objectId=self.terminal_id,
                                 functionDeclaration="function () { return this.terminal.cols; }", returnByValue=True)
        return answer["result"]["value"]

    async def wait_for(self, *needles: str, seconds: float = 20.0, text=None) -> str:
        """The terminal's text once it shows every one of ``needles`` (or ``text()``'s, when given); fails after
        ``seconds``, showing what it did show."""
        read = text or self.screen_text
        deadline = time.monotonic() + seconds
        shown = ""
        while time.monotonic() < deadline:
            shown = await read()
            if all(needle in shown for needle in needles):
                return shown
            await asyncio.sleep(0.2)
        raise AssertionError(f"the page never showed {needles!r}; it showed:\n{shown}")

    async def press(self, key: str, text: str | None = None, code: str | None = None, key_code: int = 0,
                    modifiers: int = 0) -> None:
        """A key pressed and released in the page (``text``: the character it types)."""
        down = {"type": "keyDown" if text else "rawKeyDown", "key": key, "modifiers": modifiers,
                "windowsVirtualKeyCode": key_code, "code": code or key}
        if text:
            down["text"] = text
        await self.call("Input.dispatchKeyEvent", **down)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, modifiers=modifiers,
                        windowsVirtualKeyCode=key_code, code=code or key)

    async def type(self, letters: str) -> None:
        """Text typed into the page, as a keyboard's input method hands it over (any script, punctuation too)."""
        for letter in letters:
            await self.call("Input.insertText", text=letter)

    async def key(self, name: str) -> None:
        """A named key: ``enter``, ``escape``, ``tab``, an arrow, ``f2``, or ``ctrl+<letter>``."""
        named = {"enter": ("Enter", "\r", 13), "escape": ("Escape", None, 27), "tab": ("Tab", "\t", 9),
                 "down": ("ArrowDown", None, 40), "up": ("ArrowUp", None, 38), "right": ("ArrowRight", None, 39),
                 "left": ("ArrowLeft", None, 37), "f2": ("F2", None, 113)}
        await asyncio.sleep(KEY_GAP)
        if name.startswith("ctrl+"):
            letter = name[5:]
            await self.press(letter, code=f"Key{letter.upper()}", key_code=ord(letter.upper()), modifiers=2)
        else:
            key, typed, code = named[name]
            await self.press(key, text=typed, code=key, key_code=code)
        await asyncio.sleep(KEY_GAP)


class Browser:
    """A headless Chromium with a fresh profile, and its DevTools connection: ``async with Browser(binary, folder)``."""

    def __init__(self, binary: str, folder: Path, flags: tuple[str, ...] = ()) -> None:
        self.binary = binary
        self.folder = folder
        self.flags = flags
        self.process: subprocess.Popen | None = None
        self.log = None
        self.session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task | None = None
        self.waiting: dict[int, asyncio.Future] = {}
        self.events: list[dict] = []
        self.last_id = 0

    async def __aenter__(self) -> Browser:
        flags = [*FLAGS, *self.flags]
        if os.geteuid() == 0:
            flags.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log = log = (self.folder / "chromium.log").open("w+b")
        self.process = subprocess.Popen([self.binary, *flags, f"--user-data-dir={self.folder / 'profile'}",
                                         "about:blank"], stdout=subprocess.DEVNULL, stderr=log)
        try:
            address = await self._address(log)
        except BrowserError:
            await self.__aexit__(None, None, None)
            raise
        self.session = aiohttp.ClientSession()
        self.socket = await self.session.ws_connect(address, max_msg_size=0)
        self.reader = asyncio.create_task(self._read())
        return self

    async def _address(self, log) -> str:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            log.seek(0)
            found = LISTENING.search(log.read().decode("utf-8", "replace"))
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                break
            await asyncio.sleep(0.1)
        log.seek(0)
        raise BrowserError(f"{self.binary} did not start:\n{log.read().decode('utf-8', 'replace')[-2000:]}")

    async def __aexit__(self, *exc) -> None:
        if self.socket is not None:
            try:
                await asyncio.wait_for(self.call("Browser.close"), 5)
            except (BrowserError, asyncio.TimeoutError, aiohttp.ClientError):
                pass
            await self.socket.close()
        if self.reader is not None:
            self.reader.cancel()
        if self.session is not None:
            await self.session.close()
        if self.process is not None:
            if self.socket is None:
                self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if self.log is not None:
            self.log.close()

    async def _read(self) -> None:
        async for message in self.socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            future = self.waiting.pop(data.get("id"), None) if "id" in data else None
            if future is not None and not future.done():
                if "error" in data:
                    future.set_exception(BrowserError(str(data["error"])))
                else:
                    future.set_result(data.get("result", {}))
            elif "method" in data:
                self.events.append(data)
        for future in self.waiting.values():
            if not future.done():
                future.set_exception(BrowserError("the browser closed its connection"))

    async def call(self, method: str, session: str | None = None, **params):
        self.last_id += 1
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.last_id] = future
        message = {"id": self.last_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        await self.socket.send_str(json.dumps(message))
        return await asyncio.wait_for(future, CALL_SECONDS)

    async def page(self) -> Page:
        """A new tab, about:blank."""
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        page = Page(self, attached["sessionId"])
        await page.call("Page.enable")
        await page.call("Runtime.enable")
        return page

    def requests(self, session: str) -> list[str]:
        """Every address the page asked for (its Network domain enabled), websockets included."""
        out = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            if event["method"] == "Network.requestWillBeSent":
                out.append(event["params"]["request"]["url"])
            elif event["method"] == "Network.webSocketCreated":
                out.append(event["params"]["url"])
        return out

    def errors(self, session: str) -> list[str]:
        """The page's uncaught script errors and refused loads."""
        out = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            if event["method"] == "Runtime.exceptionThrown":
                details = event["params"]["exceptionDetails"]
                out.append(str(details.get("exception", {}).get("description") or details.get("text")))
            elif event["method"] == "Network.loadingFailed" and not event["params"].get("canceled"):
                out.append(f"{event['params'].get('errorText')}: {event['params'].get('blockedReason', '')}")
        return out

    def console_messages(self, session: str) -> list[str]:
        """What the page wrote to its console and the errors it met (a refused load among them)."""
        out = []
        for event in self.events:
            if event.get("sessionId") != session:
                continue
            if event["method"] == "Runtime.consoleAPICalled":
                out.append(" ".join(str(a.get("value", a.get("description", ""))) for a in event["params"]["args"]))
            elif event["method"] == "Runtime.exceptionThrown":
                out.append(str(event["params"]["exceptionDetails"].get("text")))
            elif event["method"] == "Log.entryAdded":
                out.append(event["params"]["entry"].get("text", ""))
        return out
