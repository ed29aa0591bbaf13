"""The command line (docs/contract.md §3): ``yibao [PATH]``, ``yibao check``, ``yibao regions``, ``yibao compare``,
``yibao serve``, ``yibao --version``.

Heavy imports (Rich, Textual, the engine's data) happen inside the command that needs them.
"""

from __future__ import annotations

import argparse
import errno
import gc
import os
import re
import sys
from datetime import date
from typing import NoReturn

from engine import __version__
from engine.words import DEFAULT_LANG, LANGS, json_escape, lang_of, safe_text

EXIT_OK, EXIT_ERROR, EXIT_INVALID = 0, 1, 2
FIRST_AS_OF, LAST_AS_OF = date(1950, 1, 1), date(2100, 12, 31)  # the dates every rule handles


def _argv_lang(argv: list[str]) -> str:
    """The --lang asked for on the command line, read before argparse (whose help and errors must speak it too);
    the default language for one that has no catalog."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return lang_of(argv[i + 1])
        if arg.startswith("--lang="):
            return lang_of(arg.partition("=")[2])
    return DEFAULT_LANG


_LANG = [DEFAULT_LANG]  # the language of this run's messages, set by main()


def _words(id: str, **args) -> str:
    from engine.words import text

    return text("cli", id, _LANG[0], **args)


def _argparse_words(message: str) -> str:
    """argparse's English error in the reader's language (the common ones; else as argparse wrote it)."""
    if m := re.match(r"argument (\S+?)(?:/\S+)?: invalid choice: '?(.*?)'? \(choose from (.*)\)$", message):
        choices = ", ".join(c.strip(" '") for c in m.group(3).split(","))
        return _words("invalid_choice", option=m.group(1), value=m.group(2), choices=choices)
    if m := re.match(r"the following arguments are required: (.*)$", message):
        return _words("missing_args", names=m.group(1))
    if m := re.match(r"unrecognized arguments: (.*)$", message):
        return _words("unknown_args", names=m.group(1))
    if m := re.match(r"argument (\S+?)(?:/\S+)?: expected one argument$", message):
        return _words("needs_value", option=m.group(1))
    return _words("usage_error", detail=message)


def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it ($COLUMNS, else the terminal's, else 80)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


#: a help line's help column (the option or command, then two spaces or more), or its indentation
_HELP_COLUMN = re.compile(r"^(\s*\S.*?\s{2,}|\s+)(\S.*)$")


def fit_help(text: str, width: int) -> str:
    """``text`` with every line at most ``width`` terminal cells wide: argparse wraps by characters, and a Chinese
    character takes two cells. A longer line is wrapped again by cells (a Chinese line between any two characters,
    never before a closing mark), its continuation lines indented to where its help text begins."""
    # the help is a rare path: Rich's cell widths and the app's line breaking are imported for it alone
    from rich.cells import cell_len

    from .linebreak import divide_line

    out: list[str] = []
    lines = text.split("\n")
    for at, line in enumerate(lines):
        if cell_len(line) <= width:
            out.append(line)
            continue
        found = _HELP_COLUMN.match(line)
        if found:
            head, body = found.group(1), found.group(2)
            if width - cell_len(head) < width // 3:  # too little room beside the column: below it, indented
                out.append(head.rstrip())
                head = " " * min(24, width // 3)
            indent = " " * cell_len(head)
        else:  # a line without a help column (the usage): continued as the line after it is indented
            head, body = "", line
            after = lines[at + 1] if at + 1 < len(lines) else ""
            indent = after[:len(after) - len(after.lstrip(" "))]
        breaks = [0, *divide_line(body, width - cell_len(indent) if not head else width - cell_len(head)),
                  len(body)]
        pieces = [body[a:b].strip() for a, b in zip(breaks, breaks[1:]) if body[a:b].strip()]
        out += [(head if i == 0 else indent) + piece for i, piece in enumerate(pieces)]
    return "\n".join(out)


class _Formatter(argparse.HelpFormatter):
    """argparse's help, told the width (argparse imports shutil, and with it bz2 and lzma, to learn it for each
    argument added, though it needs it only to write help), its usage line headed in the reader's language, every
    line fitted to the width in terminal cells (:func:`fit_help`)."""

    def __init__(self, prog: str, **kwargs):
        kwargs.setdefault("width", _columns() - 2)  # argparse's own margin
        self.cells = kwargs["width"]
        super().__init__(prog, **kwargs)

    def format_help(self) -> str:
        return fit_help(super().format_help(), self.cells)

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 - argparse's signature
        super().add_usage(usage, actions, groups, _words("help.usage") if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in the reader's language: its help from the catalog (the arguments in two groups titled there,
    ``-h`` explained there), its errors on one line, exit 2 (no usage dump)."""

    def __init__(self, *args, description: str | None = None, epilog: str | None = None, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, description=description and _words(description),
                         epilog=epilog and _words(epilog, langs="|".join(LANGS)), add_help=False, **kwargs)
        self.positional = self.add_argument_group(_words("help.positionals"))
        self.options = self.add_argument_group(_words("help.options"))
        self.options.add_argument("-h", "--help", action="help", help=_words("help.help"))

    def argument(self, *names: str, help: str | None = None, **kwargs) -> None:
        """An argument in its group, explained by the catalog's ``cli``/``help``: a positional one when its name has
        no leading dash."""
        group = self.options if names[0].startswith("-") else self.positional
        group.add_argument(*names, help=help and _words(help), **kwargs)

    def language(self) -> None:
        self.argument("--lang", choices=LANGS, default=DEFAULT_LANG)

    def folder(self) -> None:
        self.argument("--profiles-dir", help="help.profiles_dir")

    def error(self, message: str):  # noqa: D401 - argparse's hook
        text = _argparse_words(message)
        hint = _words("usage_hint", prog=self.prog)
        _to_stderr(f"{self.prog}: {text}\n{hint}")
        raise SystemExit(EXIT_INVALID)


def _check_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="yibao check", description="help.check")
    p.argument("path", help="help.profile_file")
    p.argument("--as-of", dest="as_of", help="help.as_of")
    p.argument("--format", choices=("text", "json", "markdown", "print"), default="text", help="help.check_format")
    p.language()
    p.folder()
    p.argument("--no-trace", action="store_true", help="help.no_trace")
    p.argument("--questions", action="store_true", help="help.questions")
    return p


def _regions_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="yibao regions", description="help.regions", epilog="help.regions_epilog")
    p.argument("--format", choices=("text", "json"), default="text")
    p.language()
    for option in GLOBAL_OPTIONS[1:]:  # taken, as by every command, and of no use to a list of the regions
        p.options.add_argument(option, help=argparse.SUPPRESS)
    return p


def _regions_add_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="yibao regions add", description="help.regions_add")
    p.argument("file", help="help.region_file")
    p.language()
    return p


def _compare_parser() -> argparse.ArgumentParser:
    from engine import SCENARIO_KINDS as KINDS  # the scenarios' names, listed in the help

    p = _Parser(prog="yibao compare", description="help.compare")
    p.argument("path", help="help.profile_file")
    p.options.add_argument("--scenario", action="append", default=[], metavar="S",
                           help=_words("help.scenario", kinds=", ".join(KINDS)))
    p.argument("--regions", action="store_true", help="help.rank_regions")
    p.argument("--trace", action="store_true", help="help.compare_trace")
    p.argument("--as-of", dest="as_of", help="help.as_of")
    p.argument("--format", choices=("text", "json", "markdown"), default="text")
    p.language()
    p.folder()
    return p


def compare(argv: list[str]) -> int:
    args = _compare_parser().parse_args(argv)
    as_of = parse_as_of(args.as_of)
    from engine import ScenarioError, compare as run_compare, rank_regions, regions_to_dict

    profile = _load(args.path, args.lang, args.profiles_dir)
    if isinstance(profile, int):
        return profile
    _warn_broken_regions(args.lang)
    try:
        result = run_compare(profile, args.scenario or None, as_of)
    except ScenarioError as err:
        return _fail(err.text(args.lang), EXIT_INVALID)
    ranked = rank_regions(profile, as_of) if args.regions else None
    from . import comparereport

    if args.format == "json":
        doc = result.to_dict(args.lang)
        if ranked is not None:
            doc["regions"] = regions_to_dict(profile, as_of, ranked, args.lang)["regions"]
        sys.stdout.write(json_text(doc))
    elif args.format == "markdown":
        sys.stdout.write(comparereport.markdown(result, args.lang, ranked))
    else:
        comparereport.print_comparison(result, args.lang, ranked, trace=args.trace)
    return EXIT_OK


# Each command with its one line of help, listed by ``yibao --help``.
COMMAND_HELP = (("yibao check PATH", "help.check"), ("yibao compare PATH", "help.compare"),
                ("yibao regions", "help.regions"), ("yibao regions add FILE", "help.regions_add"),
                ("yibao serve", "help.serve_short"))


class _AppParser(_Parser):
    """The app's parser, whose help ends with every command and its one line."""

    def format_help(self) -> str:
        pad = max(len(usage) for usage, _ in COMMAND_HELP) + 2
        lines = [f"  {usage.ljust(pad)}{_words(key)}" for usage, key in COMMAND_HELP]
        commands = fit_help("\n".join([_words("help.app_epilog"), *lines]), _columns() - 2)
        return "\n".join([super().format_help().rstrip("\n"), "", commands]) + "\n"


def _app_parser() -> argparse.ArgumentParser:
    p = _AppParser(prog="yibao", description="help.app")
    p.argument("path", nargs="?", help="help.open_path")
    p.language()
    p.folder()
    p.argument("--as-of", dest="as_of", help="help.app_as_of")
    p.argument("--version", action="version", version=f"yibao {__version__}", help="help.version")
    return p


def parse_as_of(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not FIRST_AS_OF <= day <= LAST_AS_OF:
        raise SystemExit(_fail(_words("bad_date", value=text), EXIT_INVALID)) from None
    return day


def find_profile(path: str, profiles_dir: str | None = None) -> str:
    """The file ``path`` names: itself when there is something at that path or it names a folder; else the profile in
    the user's folder (``--profiles-dir``, ``YIBAO_PROFILES``, the per-user data folder) whose file is ``path`` or
    ``path.toml`` or whose name is ``path``, then the bundled example so named; else ``path`` as it was."""
    if os.path.lexists(path) or os.sep in path or (os.altsep and os.altsep in path):
        return path
    from .store import SUFFIX, Store

    store = Store(profiles_dir)
    for folder in (store.user_dir, store.bundled_dir):
        for candidate in (folder / path, folder / (path + SUFFIX)):
            if candidate.is_file():
                return str(candidate)
    wanted = path.strip().casefold()
    for entry in store.entries():
        if entry.name is not None and entry.name.strip().casefold() == wanted:
            return str(entry.path)
    return path


def _load(path: str, lang: str, profiles_dir: str | None = None):
    """The profile at ``path`` (found as :func:`find_profile` finds it), or the exit code after saying on standard
    error why it cannot be read."""
    from engine import ProfileError, load_profile

    path = find_profile(path, profiles_dir)
    try:
        return load_profile(path)
    except ProfileError as err:
        where = f":{err.line}" if err.line else ""
        return _fail(f"{path}{where}: {err.text(lang)}", EXIT_INVALID)


def json_text(doc) -> str:
    """``doc`` as the JSON the commands print: indented by two, UTF-8 as it is, one line break at the end - the
    text ``json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)`` gives. Python's json writes
    indented output in Python and compact output in C: it is written compact, then indented by msgspec (which
    keeps every token, numbers included, as written)."""
    import json

    import msgspec

    compact = json.dumps(doc, ensure_ascii=False, allow_nan=False)
    if json_escape(compact) != compact:  # text a terminal would obey: escaped, indented by Python's json itself
        return json_escape(json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"
    return msgspec.json.format(compact.encode("utf-8"), indent=2).decode("utf-8") + "\n"


def _to_stream(stream, text: str) -> None:
    """``text`` on ``stream`` (standard output or error) safe for a terminal (every character it would obey shown
    escaped); nothing when the stream is closed (None), and a failing standard error is not the command's failure."""
    if stream is None:
        return
    try:
        stream.write(safe_text(text, lines=True) + ("" if text.endswith("\n") else "\n"))
    except OSError:
        if stream is sys.stdout:
            raise
    except ValueError:  # the stream was closed
        if stream is sys.stdout:
            raise OSError(errno.EBADF, os.strerror(errno.EBADF)) from None


def _to_stderr(text: str) -> None:
    _to_stream(sys.stderr, text)


def _fail(message: str, code: int) -> int:
    _to_stderr(f"yibao: {message}")
    return code


def check(argv: list[str]) -> int:
    args = _check_parser().parse_args(argv)
    as_of = parse_as_of(args.as_of)
    from engine import evaluate

    path = find_profile(args.path, args.profiles_dir)
    profile = _load(path, args.lang, args.profiles_dir)
    if isinstance(profile, int):
        return profile
    _warn_broken_regions(args.lang)
    _warn_permissions(path, args.lang)
    report = evaluate(profile, as_of=as_of)
    if args.questions:
        return print_questions(report, args.lang)
    if args.format == "json":
        sys.stdout.write(json_text(report.to_dict(args.lang)))
    elif args.format == "markdown":
        from engine.words import markdown

        sys.stdout.write(markdown(report, args.lang))
    elif args.format == "print":
        from .printreport import page

        _to_stream(sys.stdout, page(report, args.lang))
    else:
        from .textreport import print_report

        print_report(report, args.lang, trace=not args.no_trace, console=_console())
    return EXIT_OK


def print_questions(report, lang: str) -> int:
    from engine import questions
    from engine.words import text

    asked = questions(report, lang)
    if not asked:
        _to_stream(sys.stdout, text("question", "none", lang))
        return EXIT_OK
    lines = [text("question", "intro", lang)] + [f"{i}. {q}" for i, q in enumerate(asked, 1)]
    _to_stream(sys.stdout, "\n".join(lines + [text("question", "enter", lang)]))
    return EXIT_OK


def _console():
    """Rich's console, except that a broken pipe ends quietly with exit 0 (Rich would exit 1)."""
    from rich.console import Console

    class PipeConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return PipeConsole(highlight=False)


def _warn_broken_regions(lang: str) -> None:
    """Each of the user's files of local figures that cannot be used: named on standard error, with why (every
    lookup skips it)."""
    from engine import check_user_regions
    from engine.words import text

    for err in check_user_regions():
        _fail(text("regions_cli", "broken", lang, error=err.text(lang)), EXIT_OK)


def _warn_permissions(path: str, lang: str) -> None:
    """A profile others can read: say so on standard error, with the fix (chmod 600)."""
    from engine import permission_warning

    from . import BUNDLED_DIR

    try:
        if os.path.realpath(path).startswith(str(BUNDLED_DIR) + os.sep):
            return  # the bundled examples are the project's, not personal
    except (OSError, ValueError):
        pass
    warning = permission_warning(path)
    if warning is not None:
        _to_stderr(f"yibao: {_words('warning', text=warning.text(lang))}")


def _quiet_stdout() -> None:
    """After a broken pipe: point standard output at /dev/null so that the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def regions(argv: list[str]) -> int:
    if argv and argv[0] == "add":
        return regions_add(argv[1:])
    args = _regions_parser().parse_args(argv)
    from engine import all_regions, check_user_regions, sourcing, user_regions
    from engine.words import text

    _warn_broken_regions(args.lang)
    mine = set(user_regions())
    rows = []
    for data in all_regions():
        counts = sourcing(data.id)
        summary = data.summary_in(args.lang)
        user = data.id in mine
        if user:
            summary = f"[{text('regions_cli', 'user', args.lang)}] {summary}".strip()
        rows.append({"id": data.id, "name": data.name, "name_en": data.name_en,
                     "summary": summary, "sourcing": counts, "user": user})
    if args.format == "json":
        sys.stdout.write(json_text(rows))
        return EXIT_OK
    from .textreport import print_regions

    print_regions(rows, args.lang)
    return EXIT_OK


def regions_add(argv: list[str]) -> int:
    args = _regions_add_parser().parse_args(argv)
    from engine import PolicyError, install_user_region, parse_region_file
    from engine.words import Region, text

    try:
        path = install_user_region(args.file)
    except PolicyError as err:
        return _fail(text("regions_cli", "invalid", args.lang, error=err.text(args.lang)), EXIT_INVALID)
    except OSError as exc:
        from engine import os_error_words

        return _fail(text("regions_cli", "invalid", args.lang, error=os_error_words(exc).text(args.lang)), EXIT_INVALID)
    _to_stream(sys.stdout, text("regions_cli", "installed", args.lang, region=Region(path.stem), path=str(path)))
    return EXIT_OK


def _serve_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="yibao serve", description="help.serve")
    p.argument("--host", default="127.0.0.1", help="help.host")
    p.argument("--port", default="8000", help="help.port")
    p.language()
    p.argument("--profiles-dir", help="help.profiles_dir")
    return p


def serve(argv: list[str]) -> int:
    """``yibao serve``: the app in a web browser (tui/serve.py), until Ctrl+C."""
    args = _serve_parser().parse_args(argv)
    port = int(args.port) if args.port.isdigit() else -1
    if not 0 <= port <= 65535:
        return _fail(_words("bad_port", value=args.port), EXIT_INVALID)
    from . import gcpause
    from .serve import serve as run_server  # aiohttp and textual-serve, for this command only

    gcpause.resume()  # a server runs as long as it is needed: collection as usual once it is imported

    return run_server(args.host, port, args.lang, args.profiles_dir)


def app(argv: list[str]) -> int:
    args = _app_parser().parse_args(argv)
    as_of = parse_as_of(args.as_of)
    from .app import run_app  # collection paused while Textual and the app are imported (tui/gcpause.py)

    path = find_profile(args.path, args.profiles_dir) if args.path else None
    return run_app(path=path, lang=args.lang, profiles_dir=args.profiles_dir, as_of=as_of)


COMMANDS = ("check", "regions", "compare")  # the rest of the command line opens the app
GLOBAL_OPTIONS = ("--lang", "--profiles-dir", "--as-of")  # each takes a value, before or after the command


def command_first(argv: list[str]) -> list[str]:
    """The command line with the options given before a command moved after it (``yibao --lang en check P`` is
    ``yibao check P --lang en``); any other command line as it was."""
    i = 0
    while i < len(argv) and argv[i].partition("=")[0] in GLOBAL_OPTIONS:
        i += 1 if "=" in argv[i] else 2
    if 0 < i < len(argv) and argv[i] in COMMANDS:
        return argv[i:] + argv[:i]
    return argv


def run() -> NoReturn:
    """The program ``yibao`` (and ``python -m tui``): :func:`main`, then the exit with its code.

    A command (not the app) flushes its output here, before the interpreter's exit, so that a closed pipe ends
    quietly and another failure is said (the exit's own flush would print a traceback). What the command built
    lives until the exit, so it is moved out of the collector's view (``gc.freeze``, as the app does once its
    first screen is built): the interpreter's last collection has nothing of it to walk."""
    code = main()
    args = command_first(sys.argv[1:])
    if args and args[0] in COMMANDS:
        code = _flush(code)
        gc.freeze()
    raise SystemExit(code)


def _flush(code: int) -> int:
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except (OSError, ValueError) as exc:
        from engine import os_error_words

        if isinstance(exc, ValueError):  # flushed after it was closed
            exc = OSError(errno.EBADF, os.strerror(errno.EBADF))
        code = _fail(os_error_words(exc).text(_LANG[0]), EXIT_ERROR)
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    return code


def main(argv: list[str] | None = None) -> int:
    argv = command_first(list(sys.argv[1:] if argv is None else argv))
    _LANG[0] = _argv_lang(argv)
    from . import gcpause

    gcpause.pause()  # a command's objects live as long as the command (see tui/gcpause.py); the app resumes it
    try:
        if argv and argv[0] in COMMANDS and sys.stdout is None:  # started with its standard output closed
            return _fail(_words("stdout_closed"), EXIT_ERROR)
        if argv and argv[0] == "check":
            return check(argv[1:])
        if argv and argv[0] == "regions":
            return regions(argv[1:])
        if argv and argv[0] == "compare":
            return compare(argv[1:])
        if argv and argv[0] == "serve":
            return serve(argv[1:])
        return app(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `yibao check F | head -1`: the reader has all it wanted
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            _quiet_stdout()
            return EXIT_OK
        from engine import os_error_words

        return _fail(os_error_words(exc).text(_LANG[0]), EXIT_ERROR)
    except Exception as exc:  # the last line of defence: a message, never a traceback
        return _fail(_words("internal_error", detail=f"{type(exc).__name__}: {exc}"), EXIT_ERROR)
    finally:
        gcpause.resume()
