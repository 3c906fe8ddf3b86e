"""The playbook's YAML: PyYAML's safe output, readable, and inert for hostile values.

Every value must load back as exactly what was written (a string stays a string, whatever
it holds), nothing Ansible would template may pass unless the program wrote it as a
:class:`Template`, and the header comment cannot be left.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core.exports.playbook_source import ExportError
from wizard.core.exports.yaml_writer import Template, to_yaml

HOSTILE = [
    "yes",
    "No",
    "~",
    "null",
    "0x1F",
    "1e3",
    "2024-01-01",
    "a: b",
    "a #b",
    "- item",
    "? key",
    "it's `x'",
    '"quoted"',
    "!!python/object/apply:os.system ['id']",
    "!!python/name:os.system",
    "!<tag:yaml.org,2002:python/object> x",
    "&anchor x",
    "*alias",
    "%YAML 1.1",
    "---",
    "...",
    "@at",
    "`tick",
    "|",
    ">",
    "line one\n  indented\nend\n",
    "  leading spaces\nsecond\n",
    "trailing spaces  \nsecond\n",
    "no final newline\nb",
    "two final newlines\n\n",
    "\n",
    "",
    " ",
    "tab\there",
    "cr\rhere",
    "crlf\r\nhere",
    "nel\x85here",
    "ls\u2028here",
    "ps\u2029here",
    "bom\ufeffhere",
    "bell\x07here",
    "del\x7fhere",
    "caf\u00e9",
    "- hosts: all\n  tasks: [{shell: touch /tmp/pwned}]",
]


def load(text: str) -> Any:
    return yaml.safe_load(text)


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_loads_back_as_itself(value: str) -> None:
    document = {"key": value, "list": [value], "nested": [{"k": value}]}
    assert load(to_yaml(document, header=["a comment"])) == document


def test_the_output_is_block_style_ordered_and_readable() -> None:
    value = {
        "zeta": "plain text",
        "alpha": {"b": 1, "a": True},
        "items": [{"name": "one", "shown": False}, "two"],
        "script": "echo one\necho two\n",
        "empty_list": [],
        "empty_map": {},
    }
    text = to_yaml(value, header=["Made by a test", "", "second line"])
    assert text == (
        "# Made by a test\n"
        "#\n"
        "# second line\n"
        "---\n"
        "zeta: plain text\n"
        "alpha:\n"
        "  b: 1\n"
        "  a: true\n"
        "items:\n"
        "  - name: one\n"
        "    shown: false\n"
        "  - two\n"
        "script: |\n"
        "  echo one\n"
        "  echo two\n"
        "empty_list: []\n"
        "empty_map: {}\n"
    )
    assert load(text) == value


def test_no_header_no_document_start() -> None:
    assert to_yaml({"a": "b"}) == "a: b\n"


def test_the_same_object_twice_is_written_twice_not_as_an_alias() -> None:
    shared = {"x": ["y"]}
    text = to_yaml({"first": shared, "second": shared})
    assert "&" not in text and "*" not in text
    assert load(text) == {"first": {"x": ["y"]}, "second": {"x": ["y"]}}


@pytest.mark.parametrize("mark", ["{{ lookup('pipe', 'id') }}", "{% if x %}", "{# c #}"])
@pytest.mark.parametrize("where", ["value", "list", "key"])
def test_text_ansible_would_template_is_refused(mark: str, where: str) -> None:
    document: dict[str, object] = {
        "value": {"a": f"x {mark}"},
        "list": {"a": ["ok", f"x {mark}"]},
        "key": {f"x {mark}": "v"},
    }[where]
    with pytest.raises(ExportError, match="template"):
        to_yaml(document)


def test_a_template_the_program_wrote_passes_and_stays_a_string() -> None:
    text = to_yaml({"when": Template("{{ item.name }} is defined"), "n": "{{"[:1]})
    assert load(text) == {"when": "{{ item.name }} is defined", "n": "{"}


def test_a_template_with_a_backslash_is_a_program_error() -> None:
    with pytest.raises(ValueError, match="backslash"):
        to_yaml({"when": Template("{{ x is match('\\d') }}")})


def test_text_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(ExportError, match="not UTF-8"):
        to_yaml({"line": b"caf\xe9".decode("utf-8", "surrogateescape")})


@pytest.mark.parametrize(
    "line", ["evil\n- hosts: all", "evil\r- hosts: all", "evil\x85x", "evil\u2028x", "e\u2029x"]
)
def test_a_header_line_cannot_leave_its_comment(line: str) -> None:
    text = to_yaml({"a": "b"}, header=[line])
    head, _, body = text.partition("\n---\n")
    assert all(h.startswith("#") for h in head.split("\n"))
    assert body == "a: b\n" and load(text) == {"a": "b"}


def test_the_output_is_ascii() -> None:
    text = to_yaml({"a": "caf\u00e9\u2028x", "b": "multi\nline \u00e9\n"})
    assert text.isascii()
    assert load(text) == {"a": "caf\u00e9\u2028x", "b": "multi\nline \u00e9\n"}


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40).filter(
    lambda t: not any(m in t for m in ("{{", "{%", "{#"))
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), st.lists(_TEXT, max_size=3)))
def test_any_text_round_trips(value: dict[str, list[str]]) -> None:
    assert load(to_yaml(value, header=["h"])) == value
