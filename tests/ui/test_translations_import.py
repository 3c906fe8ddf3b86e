"""``scripts/translations.py import FILE.json``: a side file of translations fills exactly the
unfinished entries of a catalogue (context and source must match), never a finished one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "scripts" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations_under_test"] = module
    spec.loader.exec_module(module)
    return module


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Plan</name>
    <message>
        <source>Port {port} will no longer accept connections from the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Not in the side file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
"""


def test_import_fills_only_unfinished_entries_of_the_same_context(tmp_path: Path) -> None:
    script = load_script()
    ts = tmp_path / "relay_wizard_de.ts"
    ts.write_text(TS, encoding="utf-8")
    table = {
        "Plan": {
            "Port {port} will no longer accept connections from the network.": (
                "Port {port} nimmt dann keine Verbindungen aus dem Netz mehr an."
            ),
            "&Apply": "&Übernehmen",  # finished already: kept as it is
        },
        "Other": {"Not in the side file.": "Nicht hier."},  # another context: not used
    }
    assert script.import_translations(ts, table) == 1
    found = script.messages(ts)
    assert found[("Plan", "Port {port} will no longer accept connections from the network.")] == (
        "Port {port} nimmt dann keine Verbindungen aus dem Netz mehr an."
    )
    assert found[("Plan", "&Apply")] == "&Anwenden"
    assert found[("Plan", "Not in the side file.")] is None
    assert ts.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>\n')


def test_every_translation_keeps_its_values_and_its_mnemonic() -> None:
    # every {name} and %N of an English source is in its German, and a & mnemonic stays one
    import re

    script = load_script()
    catalogue = ROOT / "wizard" / "resources" / "translations" / "relay_wizard_de.ts"
    for (context, source), german in script.messages(catalogue).items():
        assert german, (context, source)
        names = set(re.findall(r"\{\w+\}|%\d", source))
        assert names == set(re.findall(r"\{\w+\}|%\d", german)), (context, source)
        assert ("&" in source.replace("&&", "")) == ("&" in german.replace("&&", "")), source
