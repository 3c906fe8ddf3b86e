"""The little HTML the product writes (the handout, the fleet summary, the GUI's lists).

Every text is escaped unless it is :class:`Markup` already, so a server name, an SMTP
reply or a user name can never become a tag. Pure: no Qt, usable by the core and the GUI.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class Markup(str):
    """Text that is HTML already (made by this module): passed through unescaped."""

    __slots__ = ()


Cell = str | Markup


def esc(text: Cell) -> Markup:
    """``text`` as HTML: escaped unless it is :class:`Markup` already."""
    return text if isinstance(text, Markup) else Markup(html.escape(str(text)))


def tag(name: str, content: Cell = "", attrs: str = "") -> Markup:
    """``<name attrs>content</name>``; ``attrs`` is written by the program, never input."""
    opening = f"{name} {attrs}" if attrs else name
    return Markup(f"<{opening}>{esc(content)}</{name}>")


def join(parts: Iterable[Cell], sep: str = "") -> Markup:
    """Several pieces, each escaped unless it is markup, as one."""
    return Markup(sep.join(esc(p) for p in parts))


def table(
    rows: Iterable[Sequence[Cell]],
    header: Sequence[Cell] = (),
    *,
    attrs: str = 'border="1" cellspacing="0" cellpadding="4"',
    row_header: bool = False,
) -> Markup:
    """A table; ``row_header`` makes each row's first cell a left-aligned ``<th>``."""
    lines = [f"<table {attrs}>"]
    if header:
        lines.append(tag("tr", join(tag("th", h) for h in header)))
    for row in rows:
        cells = [
            tag("th", cell, "align=left") if row_header and i == 0 else tag("td", cell)
            for i, cell in enumerate(row)
        ]
        lines.append(tag("tr", join(cells)))
    lines.append("</table>")
    return Markup("\n".join(lines) + "\n")


def bullets(items: Iterable[Cell]) -> Markup:
    """An unordered list."""
    return tag("ul", join(tag("li", i) for i in items))


def paragraphs(texts: Iterable[Cell], attrs: str = "") -> Markup:
    """One ``<p>`` per text."""
    return join((tag("p", t, attrs) for t in texts), "\n")


def document(title: str, body: Cell) -> str:
    """A whole HTML file (UTF-8) with ``title`` and ``body``."""
    return (
        "<!doctype html>\n<html><head><meta charset=utf-8>"
        f"<title>{esc(title)}</title></head>\n<body>\n{esc(body)}\n</body></html>\n"
    )
