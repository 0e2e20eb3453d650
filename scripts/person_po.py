#!/usr/bin/env python3
"""Keep the person-facing catalogues (`locale/<folder>/LC_MESSAGES/person.po`) in step with
`src/stepstones/screening/person.yaml`: what makemessages does for the interface's `django` domain.

    python scripts/person_po.py           # add new texts (untranslated), drop removed ones
    python scripts/person_po.py --check   # exit 1 when a catalogue is out of step

Translations already made are kept. The Serbian Latin catalogue is made from the Cyrillic one
(scripts/sr_latn.py), never by hand. A test runs `--check`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "src" / "stepstones" / "locale"
FOLDERS = ("ar", "fa", "ps", "ur", "fr", "tr", "mk", "sq", "sr")
NAMES = {
    "ar": "Arabic",
    "fa": "Farsi and Dari",
    "ps": "Pashto",
    "ur": "Urdu",
    "fr": "French",
    "tr": "Turkish",
    "mk": "Macedonian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sr_Latn": "Serbian (Latin)",
}
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 && n%100<=99 ? 4 : 5;",
    "fa": "nplurals=2; plural=(n > 1);",
    "ps": "nplurals=2; plural=(n != 1);",
    "ur": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "mk": "nplurals=2; plural=(n % 10 == 1 && n % 100 != 11) ? 0 : 1;",
    "sq": "nplurals=2; plural=(n != 1);",
    "sr": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
}
PLURAL_FORMS["sr_Latn"] = PLURAL_FORMS["sr"]


def _unquote(text: str) -> str:
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def read(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a catalogue this script wrote (single-line strings; "" when new)."""
    found: dict[str, str] = {}
    if not path.exists():
        return found
    msgid: str | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith('msgid "'):
            msgid = _unquote(line[7:-1])
        elif line.startswith('msgstr "') and msgid:
            found[msgid] = _unquote(line[8:-1])
            msgid = None
    return found


def render(folder: str, translations: dict[str, str], texts: list[str]) -> str:
    out = [
        f"# {NAMES[folder]}: what a worker reads out or shows to the person (stepstones).",
        "# Source: src/stepstones/screening/person.yaml; kept in step by scripts/person_po.py.",
        "# Translated with care for people who may be in danger; native review is welcome.",
        'msgid ""',
        'msgstr ""',
        '"Project-Id-Version: stepstones\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {folder}\\n"',
        f'"Plural-Forms: {PLURAL_FORMS[folder]}\\n"',
        "",
    ]
    for text in texts:
        out += [f'msgid "{_quote(text)}"', f'msgstr "{_quote(translations.get(text, ""))}"', ""]
    return "\n".join(out)


def expected() -> dict[Path, str]:
    """Each catalogue as it should be now."""
    sys.path.insert(0, str(REPO / "scripts"))
    from sr_latn import to_latin

    sys.path.insert(0, str(REPO / "src"))
    from stepstones.screening.person import messages  # the one list the page translates too

    texts = messages()
    files: dict[Path, str] = {}
    cyrillic: dict[str, str] = {}
    for folder in FOLDERS:
        path = LOCALE / folder / "LC_MESSAGES" / "person.po"
        kept = read(path)
        if folder == "sr":
            cyrillic = kept
        files[path] = render(folder, kept, texts)
    latin = {msgid: to_latin(text) for msgid, text in cyrillic.items()}
    files[LOCALE / "sr_Latn" / "LC_MESSAGES" / "person.po"] = render("sr_Latn", latin, texts)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when out of step")
    args = parser.parse_args()
    stale = []
    for path, text in expected().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        names = ", ".join(str(p.relative_to(REPO)) for p in stale)
        print(f"out of step with person.yaml: {names} (run python scripts/person_po.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
