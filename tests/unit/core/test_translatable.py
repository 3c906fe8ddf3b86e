"""The core's translatable sentences: English as a str, the template and values for the GUI."""

from __future__ import annotations

import json
import pickle

from wizard.core.errors import UsageError
from wizard.core.target import validate_port
from wizard.core.translatable import QT_TRANSLATE_NOOP, Translatable, capitalized, fill, joined

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


def test_a_joined_text_keeps_each_part_translatable_and_plain_parts_as_they_are() -> None:
    port = QT_TRANSLATE_NOOP("Input", "Port {port} is out of range.").format(port=0)
    text = joined([port, "server text {port}"], " | ")
    assert text == "Port 0 is out of range. | server text {port}"  # the command line's English
    assert isinstance(text, Translatable)
    assert text.translated(german) == "Port 0 liegt außerhalb des Bereichs. | server text {port}"
    assert joined(["a", "b"], ", ") == "a, b" and not isinstance(joined(["a"]), Translatable)
    assert pickle.loads(pickle.dumps(text)).translated(german) == text.translated(german)


def test_a_capitalised_phrase_is_capitalised_in_english_and_once_translated() -> None:
    phrase = QT_TRANSLATE_NOOP("T", "the login")
    line = QT_TRANSLATE_NOOP("T", "{what} failed: {why}").format(
        what=capitalized(phrase), why="535"
    )
    assert line == "The login failed: 535"

    def lower_german(context: str, source: str) -> str:
        return {("T", "the login"): "die Anmeldung"}.get((context, source)) or german(
            context, source
        )

    assert line.translated(lower_german) == "Die Anmeldung ging schief: 535"
    again = pickle.loads(pickle.dumps(capitalized(phrase)))
    assert again == "The login" and again.translated(lower_german) == "Die Anmeldung"
    assert capitalized("plain") == "Plain"
