"""The one error a profile can raise: :class:`ProfileError`, naming the field, the line and what is expected.

It lives on its own so that the reading (:mod:`engine.profile.parse`), the file work (:mod:`engine.profile.files`)
and the rules checked a layer up (:mod:`engine.rules.profiles`) raise the same error; import it from ``engine``.
"""

from __future__ import annotations

from ..data.i18n import Msg


class ProfileError(Exception):
    """A profile that cannot be read or breaks a rule.

    ``field`` is the path (``periods[2].end``, for programs) or None, ``line`` the 1-based line in the file where
    known, ``message`` the Chinese text and ``en`` the same in English; both name the field in words
    ("第3段 职工医保（2015-01起）的开始月份"), never by its path.
    """

    def __init__(
        self,
        message,
        *,
        field: str | None = None,
        line: int | None = None,
        en: str | None = None,
        column: int | None = None,
        source: str | None = None,
    ) -> None:
        self.msg = message if isinstance(message, Msg) else None  # the message id and its typed arguments
        if self.msg is not None:
            message, en = self.msg.text("zh"), self.msg.text("en")
        super().__init__(message)
        self.message = message
        self.en = en if en is not None else message
        self.field = field
        self.line = line
        self.column = column
        self.source = source

    def text(self, lang: str = "zh", *, located: bool = False) -> str:
        """The message in ``lang`` ("zh" or "en"), naming the field; with ``located``, file and line first."""
        msg = self.msg.text(lang) if self.msg is not None else self.en if lang == "en" else self.message
        where = []
        if located and self.source:
            where.append(self.source)
        if located and self.line is not None:
            where.append(f"line {self.line}" if lang == "en" else f"第 {self.line} 行")
        if not where:
            return msg
        if lang == "en":
            return f"{', '.join(where)}: {msg}"
        return f"{' '.join(where)}：{msg}"

    def __str__(self) -> str:
        """One readable line: file, line, field, the value found and what is expected."""
        return self.text("zh", located=True)
