#!/usr/bin/env python3
"""The catalogues: extract every marked string, compile, check (docs/translations.md).

    python scripts/translations.py            # update: extract into every .ts, compile .qm
    python scripts/translations.py new fr     # start relay_wizard_fr.ts, then update
    python scripts/translations.py check      # exit 1 if a .ts or .qm is behind the code
    python scripts/translations.py import FILE.json [LANG]   # fill unfinished entries, compile

Extraction is ``pyside6-lupdate`` over wizard/ (``self.tr``, ``QCoreApplication.translate``
and the core's ``QT_TRANSLATE_NOOP``), without source locations (a moved line changes
nothing) and without obsolete entries; compilation is ``pyside6-lrelease``. Both tools come
with PySide6, next to the Python that runs this script. The .qm files are committed, so
the wheel and the bundle need no Qt tools to build.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "wizard"
FOLDER = ROOT / "wizard" / "resources" / "translations"
PREFIX = "relay_wizard_"
# no source locations (a moved line changes nothing), no obsolete entries kept
LUPDATE_OPTIONS = ("-silent", "-extensions", "py", "-locations", "none", "-no-obsolete")


def tool(name: str) -> str:
    """``pyside6-NAME`` beside this interpreter (a venv), else on PATH."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        sys.exit(f"pyside6-{name} not found: install PySide6 (pip install -e '.[test]')")
    return found


def catalogues() -> list[Path]:
    return sorted(FOLDER.glob(f"{PREFIX}*.ts"))


def extract(ts: Path) -> None:
    """Bring ``ts`` in step with the code (new strings unfinished, gone ones dropped)."""
    subprocess.run(
        [tool("lupdate"), *LUPDATE_OPTIONS, str(SOURCES), "-ts", str(ts)],
        check=True,
    )


def compile_qm(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) -> translation, or None while unfinished."""
    found: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 (our own file)
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and not translation.get("type") and translation.text
            found[(name, message.findtext("source") or "")] = (
                translation.text if done and translation is not None else None
            )
    return found


def update() -> int:
    for ts in catalogues():
        extract(ts)
        compile_qm(ts, ts.with_suffix(".qm"))
        open_ = [key for key, value in messages(ts).items() if value is None]
        print(f"{ts.relative_to(ROOT)}: {len(open_)} string(s) to translate")
    return 0


def problems() -> list[str]:
    """What is behind: strings the code has and a .ts lacks (or the reverse), unfinished
    translations, a .qm not compiled from its .ts."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for ts in catalogues():
            fresh = Path(tmp) / ts.name
            shutil.copy(ts, fresh)
            extract(fresh)
            have, want = messages(ts), messages(fresh)
            found += [
                f"{ts.name}: not in the catalogue: {c!r}: {s!r}"
                for c, s in want.keys() - have.keys()
            ]
            found += [
                f"{ts.name}: no longer in the code: {c!r}: {s!r}"
                for c, s in have.keys() - want.keys()
            ]
            found += [
                f"{ts.name}: not translated: {c!r}: {s!r}"
                for (c, s), t in have.items()
                if t is None
            ]
            qm = Path(tmp) / ts.with_suffix(".qm").name
            compile_qm(ts, qm)
            shipped = ts.with_suffix(".qm")
            if not shipped.exists() or shipped.read_bytes() != qm.read_bytes():
                found.append(f"{shipped.name} is not compiled from {ts.name}")
    return found


def import_translations(ts: Path, table: dict[str, dict[str, str]]) -> int:
    """Fill the unfinished entries of ``ts`` found in ``table`` ({context: {English source:
    translation}}, the source exactly as extracted, mnemonics and ``{names}`` kept); entries
    already translated stay as they are. Returns how many were filled."""
    tree = ET.parse(ts)  # noqa: S314 (our own file)
    filled = 0
    for context in tree.getroot().iter("context"):
        known = table.get(context.findtext("name") or "", {})
        for message in context.iter("message"):
            translation = message.find("translation")
            text = known.get(message.findtext("source") or "")
            if translation is None or not translation.get("type") or not text:
                continue
            translation.text = text
            del translation.attrib["type"]
            filled += 1
    if filled:
        body = ET.tostring(tree.getroot(), encoding="unicode")
        ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', "utf-8")
    return filled


def import_file(path: str, language: str = "de") -> int:
    """``import FILE.json [LANG]``: fill the catalogue's unfinished entries, tidy it the way
    the extractor writes it, compile."""
    ts = FOLDER / f"{PREFIX}{language}.ts"
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    extract(ts)  # the code's strings first: those are the entries to fill
    filled = import_translations(ts, table)
    extract(ts)  # lupdate rewrites the file in its own layout
    compile_qm(ts, ts.with_suffix(".qm"))
    open_ = [key for key, value in messages(ts).items() if value is None]
    print(f"{ts.relative_to(ROOT)}: {filled} filled, {len(open_)} string(s) to translate")
    return 0


def main(args: list[str]) -> int:
    if args[:1] == ["check"]:
        found = problems()
        print("\n".join(found) or "the catalogues are up to date")
        return 1 if found else 0
    if args[:1] == ["new"] and len(args) == 2:
        ts = FOLDER / f"{PREFIX}{args[1]}.ts"
        ts.write_text(
            f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="{args[1]}">\n</TS>\n'
        )
        return update()
    if args[:1] == ["import"] and len(args) in (2, 3):
        return import_file(*args[1:])
    if args:
        print(__doc__, file=sys.stderr)
        return 2
    return update()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
