"""The command palette (ctrl+p): every action of the app, in the app's language."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from engine.words import LANGS, lang_of, language_name, next_lang

from .i18n import t

#: (label key, app action, needs an open profile); the help text is under "<label key>.help"
COMMANDS: tuple[tuple[str, str, bool], ...] = (
    ("cmd.save", "save", True),
    ("cmd.open", "open_list", False),
    ("cmd.new", "new_profile", False),
    ("cmd.duplicate", "duplicate_profile", True),
    ("cmd.add", "add_period", True),
    ("cmd.edit", "edit_period", True),
    ("cmd.delete", "delete_period", True),
    ("cmd.export", "export", True),
    ("cmd.verify", "verify", True),
    ("cmd.compare", "compare", True),
    ("cmd.local", "local_rules", True),
    ("cmd.screenshot", "screenshot", False),
    ("cmd.language", "switch_language", False),
    ("cmd.help", "help", False),
    ("cmd.quit", "quit", False),
)


def _title(key: str, lang: str) -> str:
    """A command's words in ``lang``; the language switch names the language it switches to."""
    return t(key, lang).format(name=language_name(next_lang(lang))) if key.startswith("cmd.language") else t(key, lang)


def _nothing() -> None:
    """What the line saying that no command matched does when chosen."""


class YibaoCommands(Provider):
    """Offers the app's actions; those that need a profile only when one is open."""

    def _commands(self) -> list[tuple[str, str, str, list[str]]]:
        """(title, help, action, its titles in the other languages) of each command offered now."""
        app = self.app
        lang = lang_of(getattr(app, "lang", None))
        has_profile = getattr(app, "profile", None) is not None
        return [(_title(key, lang), _title(key + ".help", lang), action,
                 [_title(key, other) for other in LANGS if other != lang])
                for key, action, needs_profile in COMMANDS if has_profile or not needs_profile]

    def _runner(self, action: str):
        return partial(self.app.run_action, action)

    async def discover(self) -> Hits:
        for text, help_text, action, _ in self._commands():
            yield DiscoveryHit(text, self._runner(action), text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for text, help_text, action, others in self._commands():
            # its words in the other languages find it too (a volunteer typing "language" in the Chinese app)
            score = max(matcher.match(text), matcher.match(help_text) * 0.5,
                        *(matcher.match(other) * 0.8 for other in others))
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(text), self._runner(action), text=text, help=help_text)
        if not found and query.strip():
            # in the reader's language, before Textual would say "No matches found"; choosing it does nothing
            words = t("cmd.no_matches", getattr(self.app, "lang", "zh"))
            yield Hit(0.0, Text(words, style="dim"), _nothing, text=words)
