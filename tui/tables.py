"""Tables that fit the width they get, for the printed views (``yibao regions``, ``yibao compare``).

A column is never narrower than its longest word (a figure such as ``209,061.94`` is one word: never split across
lines) nor than its whole text up to :data:`FLOOR` cells; when the columns cannot all have that much, there are
fewer columns to a table (several tables, each repeating the first columns), or the rows are stacked: each row's
first cell as a heading, then one line per other cell, ``heading: value``.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from engine import words as i18n

from .linebreak import longest_word

FLOOR = 10  # the fewest cells a column of wrapped text gets (its whole text, when shorter)
FRAME = 3  # the cells a column adds to a table: one of padding each side, one of rule


def column_floor(texts: list[str]) -> int:
    """The fewest cells this column may have: its longest word, and its whole text up to :data:`FLOOR` cells."""
    return max(max((longest_word(text) for text in texts), default=0), min(natural(texts), FLOOR), 1)


def natural(texts: list[str]) -> int:
    """The cells of the column's longest line, unwrapped."""
    return max((cell_len(line) for text in texts for line in text.split("\n")), default=1)


def fits(head: list[str], rows: list[list[str]], width: int) -> list[int] | None:
    """Each column's cells in a table ``width`` wide at most, when every column can have its fewest
    (:func:`column_floor`): the room beyond them shared in proportion to what each column's longest line wants
    more. None when the columns cannot all have their fewest."""
    columns = [[h] + [row[i] for row in rows] for i, h in enumerate(head)]
    floors = [column_floor(texts) for texts in columns]
    room = width - FRAME * len(floors) - 1 - sum(floors)
    if room < 0:
        return None
    wants = [max(natural(texts) - floor, 0) for texts, floor in zip(columns, floors)]
    if sum(wants) <= room:
        return [floor + want for floor, want in zip(floors, wants)]
    shares = [room * want // sum(wants) for want in wants]
    return [floor + share for floor, share in zip(floors, shares)]


def print_table(console: Console, head: list[str], rows: list[list[str]], lang: str, *, title: str | None = None,
                show_lines: bool = False, style: Callable[[int, str], str] | None = None, heading: int = 1,
                keep: int = 0) -> None:
    """``rows`` under ``head`` as a table at the console's width. When it cannot fit: with ``keep``, tables of fewer
    columns, each with the first ``keep`` columns and as many of the others as fit; else (or when even two do not
    fit) the rows stacked, each headed by its first ``heading`` cells."""
    style = style or (lambda column, value: "")
    widths = fits(head, rows, console.width)
    if widths is not None:
        _table(console, head, rows, widths, title, show_lines, style)
        return
    groups = column_groups(head, rows, console.width, keep) if keep else None
    if groups:
        for number, columns in enumerate(groups):
            part_head = [head[i] for i in columns]
            part_rows = [[row[i] for i in columns] for row in rows]
            _table(console, part_head, part_rows, fits(part_head, part_rows, console.width),
                   title if number == 0 else None, show_lines, lambda column, value: style(columns[column], value))
        return
    if title:
        console.print(Text(title, style="bold"))
    colon = i18n.text("join", "colon", lang)
    for row in rows:
        console.print(Text(" ".join(row[:heading]), style="bold"))
        for i, value in enumerate(row[heading:], heading):
            line = Text(f"{head[i]}{colon}", style="dim")
            parts = value.split("\n")  # the lines of a cell, as clauses of one line
            shown = parts[0]
            for part in parts[1:]:
                shown = i18n.text("join", "clauses", lang, a=shown, b=part)
            line.append(shown, style=style(i, value))
            console.print(Padding(line, (0, 0, 0, 2), expand=False))


def column_groups(head: list[str], rows: list[list[str]], width: int, keep: int) -> list[list[int]] | None:
    """The columns of each narrower table: the first ``keep`` in every one, the others in order, as many to a table
    as fit ``width`` (and as evenly as that allows); None when not even one more column fits beside them."""
    rest = list(range(keep, len(head)))

    def fit(columns: list[int]) -> bool:
        return fits([head[i] for i in columns], [[row[i] for i in columns] for row in rows], width) is not None

    size = 0
    while size < len(rest) and all(fit(list(range(keep)) + rest[i:i + size + 1]) for i in range(len(rest))):
        size += 1
    if size == 0:
        return None
    count = -(-len(rest) // size)  # tables needed
    per = -(-len(rest) // count)  # as even as that allows
    return [list(range(keep)) + rest[i:i + per] for i in range(0, len(rest), per)]


def _table(console: Console, head: list[str], rows: list[list[str]], widths: list[int], title: str | None,
           show_lines: bool, style: Callable[[int, str], str]) -> None:
    table = Table(title=title, show_lines=show_lines, expand=False)
    for i, h in enumerate(head):
        table.add_column(h, width=widths[i], overflow="fold")
    for row in rows:
        table.add_row(*[Text(value, style=style(i, value)) for i, value in enumerate(row)])
    console.print(table)
