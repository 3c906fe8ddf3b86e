"""The core's translatable sentences: English as a str, the template and values for the GUI."""

from __future__ import annotations

import json
import pickle

from wizard.core.errors import UsageError
from wizard.core.target import validate_port
from wizard.core.translatable import QT_TRANSLATE_NOOP, Translatable, fill

GERMAN = {
    ("Input", "Port {port} is out of range."): "Port {port} liegt außerhalb des Bereichs.",
    ("Input", "Give a number from 1 to 65535."): "Eine Zahl von 1 bis 65535.",
    ("T", "{what} failed: {why}"): "{what} ging schief: {why}",
    ("T", "The login"): "Die Anmeldung",
}


def german(context: str, source: str) -> str:
    return GERMAN.get((context, source), source)


def test_it_is_the_english_sentence_for_the_command_line() -> None:
    text = QT_TRANSLATE_NOOP("Input", "Port {port} is out of range.").format(port=70000)
    assert text == "Port 70000 is out of range."
    assert isinstance(text, str)
    assert json.dumps({"m": text}) == '{"m": "Port 70000 is out of range."}'
    assert (text.context, text.source, dict(text.values)) == (
        "Input",
        "Port {port} is out of range.",
        {"port": 70000},
    )


def test_the_gui_translates_the_template_then_fills_in_the_values() -> None:
    text = QT_TRANSLATE_NOOP("Input", "Port {port} is out of range.").format(port=70000)
    assert text.translated(german) == "Port 70000 liegt außerhalb des Bereichs."
    # a value that is itself translatable is shown in the same language
    nested = QT_TRANSLATE_NOOP("T", "{what} failed: {why}").format(
        what=QT_TRANSLATE_NOOP("T", "The login"), why="535 5.7.0 nope"
    )
    assert nested == "The login failed: 535 5.7.0 nope"
    assert nested.translated(german) == "Die Anmeldung ging schief: 535 5.7.0 nope"
    # not in the catalogue: English
    assert QT_TRANSLATE_NOOP("T", "Unknown").translated(german) == "Unknown"


def test_values_are_inserted_as_they_are_never_read_as_templates() -> None:
    hostile = "{port} {0} {port.__class__} %1"
    text = QT_TRANSLATE_NOOP("T", "{what} failed: {why}").format(what="x", why=hostile)
    assert text == f"x failed: {hostile}"
    assert text.translated(german) == f"x ging schief: {hostile}"
    # only {name} is a field: attribute and index syntax in a template stay as written
    assert (
        fill("{port.__class__} {port[0]} {port}", {"port": 25}) == "{port.__class__} {port[0]} 25"
    )


def test_values_go_by_name_only() -> None:
    try:
        QT_TRANSLATE_NOOP("T", "{0}").format(1)
    except TypeError:
        pass
    else:
        raise AssertionError("a positional value was taken")


def test_it_survives_pickling_and_an_error_keeps_it() -> None:
    text = QT_TRANSLATE_NOOP("Input", "Port {port} is out of range.").format(port=0)
    again = pickle.loads(pickle.dumps(text))
    assert isinstance(again, Translatable)
    assert again.translated(german) == "Port 0 liegt außerhalb des Bereichs."
    try:
        validate_port(0)
    except UsageError as exc:
        assert isinstance(exc.message, Translatable) and isinstance(exc.fix, Translatable)
        assert str(exc) == "Port 0 is out of range. Give a number from 1 to 65535."
        assert exc.message.translated(german) == "Port 0 liegt außerhalb des Bereichs."
    else:
        raise AssertionError("port 0 was taken")
