"""``yibao serve``: the app in a web browser, drawn by textual-serve.

Every page opened starts the app itself (``python -m tui``, the terminal app and nothing else) as a process on this
machine; textual-serve carries its screen to the page and the keys and clicks back. The profiles are read and saved
by that process, on this machine, exactly as in a terminal.

The page is the app's own (``tui/web/page.html``): the terminal script, its styles and its font come from the
textual-serve package on this machine, and the page's security policy lets the browser load nothing from elsewhere.

Who may open it:

- on a loopback address (the default, 127.0.0.1) only a page of this machine: a request must name the machine by a
  loopback name (a web site that makes its name point at 127.0.0.1 is refused), and the terminal's connection must
  come from the page itself (its ``Origin``);
- on any other address (``--host 0.0.0.0``) a one-time key, made at the start and shown once, is the first part of
  the address; every request without it, or with another, is refused with a page that says why.
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import html
import ipaddress
import secrets
import shlex
import signal
import socket
import string
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

from engine import os_error_words
from engine.words import text

from .i18n import t

PAGE = Path(__file__).with_name("web") / "page.html"
#: the files of textual-serve's ``static`` folder that the page uses, and their types
STATIC_FILES = {
    "js/textual.js": "text/javascript",
    "css/xterm.css": "text/css",
    "fonts/RobotoMono-VariableFont_wght.ttf": "font/ttf",
}
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: how long the server waits at its end for the apps it told to quit (an app ends within a fraction of it)
APPS_END_SECONDS = 1.0
KEY_BYTES = 18  # the one-time key: 18 random bytes, 24 characters in the address


def words(id: str, lang: str, **args) -> str:
    return text("serve", id, lang, **args)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name) is this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(lang: str, profiles_dir: str | None) -> str:
    """The command that runs the app for one page: this Python, the app's module, the language and the folder."""
    argv = [sys.executable, "-m", "tui", "--lang", lang]
    if profiles_dir:
        argv += ["--profiles-dir", str(Path(profiles_dir).expanduser().resolve())]
    return shlex.join(argv)


def policy(nonce: str | None = None) -> str:
    """The page's security policy: everything from this server only, no inline script but the one given its
    ``nonce``; no frame, form or base elsewhere. Styles may be inline (the terminal script writes its own)."""
    scripts = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    return (f"default-src 'none'; script-src {scripts}; style-src 'self' 'unsafe-inline'; font-src 'self'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def secure(headers) -> None:
    """The headers every answer has."""
    headers["Cache-Control"] = "no-store"
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Content-Security-Policy", policy())


class Gate:
    """Decides whether a request may have the page: ``refusal(request, key)`` is None, or why not (a catalog id)."""

    def __init__(self, key: str | None) -> None:
        self.key = key  # None: served on a loopback address, no key

    def refusal(self, request: web.Request, key: str | None = None, connection: bool = False) -> str | None:
        """Why ``request`` (with ``key``, the address's first part; ``connection``: the terminal's) is refused."""
        if self.key is None:
            if not is_loopback(request.url.host or ""):
                return "refused.host"
        elif key is None or not hmac.compare_digest(key.encode("utf-8"), self.key.encode("utf-8")):
            return "refused.key"
        if connection:
            origin = request.headers.get("Origin")
            if origin is not None and origin.partition("://")[2] != request.host:
                return "refused.origin"
        return None


class Site:
    """The web site of ``yibao serve``: the page, the terminal's connection, the page's three files."""

    def __init__(self, command: str, lang: str, key: str | None = None) -> None:
        self.lang = lang
        self.gate = Gate(key)
        #: textual-serve's server, for its connection handler (one app process per connection) and its files
        self.terminal = Server(command, title=t("app.title", lang))
        self.page = string.Template(PAGE.read_text(encoding="utf-8"))
        self.connections: set[asyncio.Task] = set()
        self.apps_ended_by = 0.0  # the event loop's time by which every app told to quit has ended

    def web_app(self) -> web.Application:
        app = web.Application(middlewares=[self.headers])
        base = "" if self.gate.key is None else "/{key}"
        app.add_routes([
            web.get(base + "/", self.index),
            web.get(base + "/ws", self.connect),
            web.get(base + "/static/{name:.+}", self.static),
        ])
        if base:
            app.add_routes([web.get(base, self.index_without_slash)])
        app.router.add_route("*", "/{tail:.*}", self.unknown)
        app.on_shutdown.append(self.close_connections)
        return app

    # -- the gate -----------------------------------------------------------------------------------------------

    def check(self, request: web.Request, connection: bool = False) -> None:
        reason = self.gate.refusal(request, request.match_info.get("key"), connection)
        if reason is not None:
            raise self.refused(reason)

    def refused(self, reason: str) -> web.HTTPForbidden:
        title = html.escape(t("app.title", self.lang))
        body = html.escape(words(reason, self.lang))
        page = (f'<!DOCTYPE html><html lang="{self.lang}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title></head>'
                f'<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em">'
                f"<h1>{title}</h1><p>{body}</p></body></html>")
        return web.HTTPForbidden(text=page, content_type="text/html")

    @web.middleware
    async def headers(self, request: web.Request, handler):
        """Every answer: nothing cached, no address passed on to another site, nothing loaded from elsewhere (the
        page sets its own policy, which lets its one script of its own run)."""
        try:
            response = await handler(request)
        except web.HTTPException as refused:
            secure(refused.headers)
            raise
        if not response.prepared:  # the terminal's connection has answered already
            secure(response.headers)
        return response

    # -- the routes ----------------------------------------------------------------------------------------------

    async def index(self, request: web.Request) -> web.Response:
        self.check(request)
        lang = self.lang
        nonce = secrets.token_urlsafe(12)
        page = self.page.substitute(
            lang=lang, nonce=nonce, title=html.escape(t("app.title", lang)),
            opening=html.escape(words("page.opening", lang)), ended=html.escape(words("page.ended", lang)),
            again=html.escape(words("page.again", lang)))
        response = web.Response(text=page, content_type="text/html")
        response.headers["Content-Security-Policy"] = policy(nonce)
        return response

    async def index_without_slash(self, request: web.Request) -> web.Response:
        self.check(request)
        raise web.HTTPFound(request.path + "/")

    async def connect(self, request: web.Request) -> web.StreamResponse:
        """The terminal's connection: textual-serve starts the app for it and runs it until either side closes."""
        self.check(request, connection=True)
        if not web.WebSocketResponse().can_prepare(request):
            raise web.HTTPBadRequest()  # a plain request: textual-serve would start nothing, and log it as an error
        task = asyncio.current_task()
        self.connections.add(task)
        try:
            return await self.terminal.handle_websocket(request)
        finally:
            self.connections.discard(task)
            self.apps_ended_by = asyncio.get_running_loop().time() + APPS_END_SECONDS

    async def static(self, request: web.Request) -> web.FileResponse:
        self.check(request)
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        response = web.FileResponse(Path(self.terminal.statics_path) / name)
        response.content_type = STATIC_FILES[name]
        return response

    async def unknown(self, request: web.Request) -> web.Response:
        self.check(request)
        raise web.HTTPNotFound()

    async def close_connections(self, app: web.Application) -> None:
        """At the end: every page's connection closed, which ends its app (textual-serve tells it to quit), and a
        moment for those apps to end before the event loop that waits for them does."""
        for task in list(self.connections):
            task.cancel()
        await asyncio.gather(*self.connections, return_exceptions=True)
        left = self.apps_ended_by - asyncio.get_running_loop().time()
        if left > 0:
            await asyncio.sleep(left)


def network_addresses() -> list[str]:
    """This machine's addresses on its networks, as far as it knows them without sending anything: the one its
    route to the outside starts from (a datagram socket only "connected", to a documentation-only address; nothing
    is sent), and those its own name has."""
    found = []
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.append(probe.getsockname()[0])
    except OSError:
        pass
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(info[4][0])
    except OSError:
        pass
    return list(dict.fromkeys(a for a in found if not is_loopback(a) and a != "0.0.0.0"))


def url(host: str, port: int, key: str | None) -> str:
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}/" + (f"{key}/" if key else "")


def say(line: str, warning: bool = False) -> None:
    print(line, file=sys.stderr if warning else sys.stdout, flush=True)


async def run_site(site: Site, host: str, port: int, lang: str) -> None:
    """Serve ``site`` on ``host``:``port`` (0: a free port) until SIGINT or SIGTERM, once its address is said."""
    runner = web.AppRunner(site.web_app(), handle_signals=False, access_log=None)
    await runner.setup()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await web.TCPSite(runner, host, port).start()
        bound = runner.addresses[0][1]
        key = site.gate.key
        if key is None:
            say(words("listening", lang, address=url(host, bound, None)))
        else:
            say(words("network_warning", lang), warning=True)
            shown = network_addresses() if host in ("0.0.0.0", "::") else [host]
            for address in shown or [socket.gethostname()]:
                say(words("network_address", lang, address=url(address, bound, key)))
            say(words("stop", lang))
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        await runner.cleanup()


def serve(host: str, port: int, lang: str, profiles_dir: str | None) -> int:
    """``yibao serve``: the exit code (0 once stopped, 1 when the address cannot be served)."""
    key = None if is_loopback(host) else secrets.token_urlsafe(KEY_BYTES)
    site = Site(app_command(lang, profiles_dir), lang, key)
    try:
        asyncio.run(run_site(site, host, port, lang))
    except OSError as err:
        reason = {errno.EADDRINUSE: "in_use", errno.EADDRNOTAVAIL: "not_here"}.get(err.errno)
        reason = words(reason, lang) if reason else os_error_words(err).text(lang)
        say(f"yibao: {words('cannot_serve', lang, address=f'{host}:{port}', reason=reason)}", warning=True)
        return 1
    return 0
