"""The one error a profile can raise: :class:`ProfileError`, naming the field, the line and what is expected.

It lives on its own so that the reading (:mod:`engine.profile.parse`), the file work (:mod:`engine.profile.files`)
and the rules checked a layer up (:mod:`engine.rules.profiles`) raise the same error; import it from ``engine``.
"""

from __future__ import annotations

from ..data.i18n import DEFAULT_LANG, Msg, msg


class ProfileError(Exception):
    """A profile that cannot be read or breaks a rule.

    ``field`` is the path (``periods[2].end``, for programs) or None, ``line`` the 1-based line in the file where
    known. The message is ``msg``, a catalog message (its context, id and arguments, :class:`engine.data.i18n.Msg`);
    ``text(lang)`` puts it into words, naming the field in words ("第3段 职工医保（2015-01起）的开始月份"), never
    by its path. ``message`` is its Chinese text and ``en`` its English, as they always were.
    """

    def __init__(
        self,
        message: Msg,
        *,
        field: str | None = None,
        line: int | None = None,
        column: int | None = None,
        source: str | None = None,
    ) -> None:
        if not isinstance(message, Msg):
            raise TypeError("ProfileError takes a catalog message (engine.data.i18n.msg), not text")
        self.msg = message
        super().__init__(message.text(DEFAULT_LANG))
        self.field = field
        self.line = line
        self.column = column
        self.source = source

    @property
    def message(self) -> str:
        return self.msg.text(DEFAULT_LANG)

    @property
    def en(self) -> str:
        return self.msg.text("en")

    @property
    def detail(self) -> Msg:
        """What is wrong, without the field: the message's ``detail`` where it names a field, else the message."""
        inner = self.msg.args.get("detail")
        return inner if isinstance(inner, Msg) else self.msg

    def text(self, lang: str = DEFAULT_LANG, *, located: bool = False) -> str:
        """The message in ``lang``, naming the field; with ``located``, file and line first."""
        where = self.source if located else None
        line = self.line if located else None
        if where and line is not None:
            return msg("profile.where", "file_line", file=where, line=line, message=self.msg).text(lang)
        if where:
            return msg("profile.where", "file", file=where, message=self.msg).text(lang)
        if line is not None:
            return msg("profile.where", "line", line=line, message=self.msg).text(lang)
        return self.msg.text(lang)

    def __reduce__(self):  # noqa: ANN204 - pickle's hook: made again from its message, not from its text
        return type(self), (self.msg,), self.__dict__

    def __str__(self) -> str:
        """One readable line: file, line, field, the value found and what is expected."""
        return self.text(DEFAULT_LANG, located=True)
