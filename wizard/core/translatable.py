"""English text the window can show in the admin's language; the command line prints it as is.

The core never imports Qt, yet some of its sentences reach the window (errors, findings,
checks). Such a sentence is written with :func:`QT_TRANSLATE_NOOP`, the marker
``pyside6-lupdate`` looks for, so it lands in the catalogue under its context::

    raise UsageError(QT_TRANSLATE_NOOP("Errors", "Port {port} is out of range.").format(port=p))

The result is a :class:`Translatable`: a ``str`` (the English sentence, for the command
line, logs and tests) that also carries the context, the English template and its values,
so the GUI (``wizard.ui.i18n.shown``) translates the template and fills in the values at
display time. Values are filled in by name only (``{port}``), never evaluated: a translated
template cannot reach attributes, and a value (often text from the server) is inserted as
it is, never read as a template. Joining a Translatable with other text (``+``, f-strings)
gives a plain ``str``, which the window shows in English: keep each sentence one template.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, values: Mapping[str, object]) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]`` (unknown names kept)."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return _FIELD.sub(value, template)


class Translatable(str):
    """A sentence in English that knows its catalogue context, template and values."""

    context: str
    source: str
    values: Mapping[str, object]

    def __new__(
        cls, context: str, source: str, values: Mapping[str, object] | None = None
    ) -> Translatable:
        given = dict(values or {})
        text = super().__new__(cls, fill(source, given) if given else source)
        text.context, text.source, text.values = context, source, given
        return text

    def format(self, *args: object, **values: object) -> Translatable:
        """The same sentence with ``values`` filled in (by name only)."""
        if args:
            raise TypeError("a Translatable takes its values by name: {name}")
        return Translatable(self.context, self.source, {**self.values, **values})

    def translated(self, translate: Callable[[str, str], str]) -> str:
        """The sentence in the language ``translate(context, source)`` gives, values (and
        Translatable values themselves) filled in."""
        template = translate(self.context, self.source) or self.source
        return fill(
            template,
            {
                name: v.translated(translate) if isinstance(v, Translatable) else v
                for name, v in self.values.items()
            },
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (Translatable, (self.context, self.source, dict(self.values)))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Translatable:
    """Mark ``source`` for the catalogue under ``context`` (``pyside6-lupdate`` finds it by
    this name; both arguments must be string literals)."""
    return Translatable(context, source)


def either(items: Sequence[str]) -> str:
    """``"A"``, ``"A or B"``, ``"A or B or C"``, joined in the window's language."""
    out = items[0] if items else ""
    for item in items[1:]:
        out = QT_TRANSLATE_NOOP("Lists", "{first} or {second}").format(first=out, second=item)
    return out


def both(items: Sequence[str]) -> str:
    """``"A"``, ``"A and B"``, ``"A and B and C"``, joined in the window's language."""
    out = items[0] if items else ""
    for item in items[1:]:
        out = QT_TRANSLATE_NOOP("Lists", "{first} and {second}").format(first=out, second=item)
    return out


def joined(parts: Iterable[str], separator: str = " ") -> str:
    """``parts`` (sentences, some Translatable) joined as one text that the window still
    shows each part of translated: plain ``str`` parts are kept as they are."""
    items = list(parts)
    if not any(isinstance(p, Translatable) for p in items):
        return separator.join(items)
    names = [f"p{i}" for i in range(len(items))]
    template = separator.join("{" + n + "}" for n in names)
    return Translatable("", template, dict(zip(names, items, strict=True)))


class _Capitalized(Translatable):
    """A sentence's first letter in upper case, in English and once translated."""

    def __new__(cls, inner: Translatable) -> _Capitalized:
        english = str(inner)
        text = str.__new__(cls, english[:1].upper() + english[1:])
        text.context, text.source, text.values = inner.context, inner.source, inner.values
        return text

    def translated(self, translate: Callable[[str, str], str]) -> str:
        text = super().translated(translate)
        return text[:1].upper() + text[1:]

    def __reduce__(self) -> tuple[object, ...]:
        return (_Capitalized, (Translatable(self.context, self.source, dict(self.values)),))


def capitalized(text: str) -> str:
    """``text`` with its first letter in upper case (a phrase that starts a line), still
    translated by the window."""
    if isinstance(text, Translatable):
        return _Capitalized(text)
    return text[:1].upper() + text[1:]
