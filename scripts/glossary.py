#!/usr/bin/env python3
"""The glossary: its page made from its data, and the catalogues checked against it.

The terms live in `src/stepstones/locale/glossary.yaml` (each term in English, Macedonian,
Albanian and Serbian, with the source of each). `docs/glossary.md` is generated from it, the
Serbian Latin column through scripts/sr_latn.py, so the page never drifts from the data; a test
(tests/test_glossary.py) fails when the committed page differs from what this script makes, or
when a catalogue translates a glossary term some other way.

    python scripts/glossary.py            # rewrite docs/glossary.md
    python scripts/glossary.py --check    # exit 1 when docs/glossary.md is out of date
    python scripts/glossary.py --lint     # list the catalogue entries that break the glossary
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sr_latn import to_latin  # noqa: E402 - a sibling script, not a package

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "src" / "stepstones" / "locale"
GLOSSARY = LOCALE / "glossary.yaml"
PAGE = REPO / "docs" / "glossary.md"
LANGUAGES = ("mk", "sq", "sr")
LANGUAGE_NAMES = {"mk": "Macedonian", "sq": "Albanian", "sr": "Serbian (Cyrillic)"}


@dataclass(frozen=True)
class Rendering:
    """A term in one language: the form to use, the stems that count as it, and its source.

    `avoid` holds wordings that must appear nowhere in the catalogue (a competing term that blurs a
    distinction, such as "trafficking of migrants" for smuggling).
    """

    term: str
    accept: tuple[re.Pattern[str], ...]
    source: str
    avoid: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Term:
    """One concept of the glossary."""

    id: str
    en: str
    en_match: re.Pattern[str]
    en_skip: re.Pattern[str] | None
    note: str
    languages: dict[str, Rendering]

    def concerns(self, english: str) -> bool:
        """Say whether the English text uses this term (and is not one of its exceptions)."""
        if not self.en_match.search(english):
            return False
        return not (self.en_skip and self.en_skip.search(english))


@dataclass
class Message:
    """One translated catalogue entry: its English text(s) and its translations."""

    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Inconsistency:
    """A catalogue entry whose translation does not use the glossary's term."""

    language: str
    term: Term
    msgid: str
    msgstr: str
    avoided: str = ""

    def __str__(self) -> str:
        wanted = self.term.languages[self.language].term
        problem = f"uses {self.avoided!r}, " if self.avoided else ""
        return (
            f"{self.language}: {self.term.en!r} {problem}should be {wanted!r}\n"
            f"    en: {self.msgid}\n    {self.language}: {self.msgstr}"
        )


def _any_of(patterns: list[str], *, words: bool) -> re.Pattern[str]:
    """Compile the alternatives into one case-insensitive pattern (whole words if asked)."""
    alternatives = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rf"\b(?:{alternatives})\b" if words else alternatives, re.IGNORECASE)


def load(path: Path = GLOSSARY) -> list[Term]:
    """Return the glossary's terms, in the order of the file."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    terms = []
    for raw in data["terms"]:
        languages = {
            code: Rendering(
                term=raw[code]["term"],
                accept=tuple(re.compile(p, re.IGNORECASE) for p in raw[code]["accept"]),
                source=raw[code]["source"],
                avoid=tuple(re.compile(p, re.IGNORECASE) for p in raw[code].get("avoid", [])),
            )
            for code in LANGUAGES
        }
        skip = raw.get("en_skip")
        terms.append(
            Term(
                id=raw["id"],
                en=raw["en"],
                en_match=_any_of(raw["en_match"], words=True),
                en_skip=_any_of(skip, words=False) if skip else None,
                note=raw.get("note", ""),
                languages=languages,
            )
        )
    return terms


def read_po(text: str) -> list[Message]:
    """Return the translated messages of a .po text (no header, no obsolete or fuzzy entries)."""
    messages: list[Message] = []
    current, key, fuzzy = Message(""), "", False
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if current.msgid and not fuzzy:
                messages.append(current)
            current, key, fuzzy = Message(""), "", False
            continue
        if line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
        else:
            key, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if key.startswith("msgstr"):
                current.msgstr.append("")
        if key == "msgid":
            current.msgid += value
        elif key == "msgid_plural":
            current.msgid_plural = (current.msgid_plural or "") + value
        elif key.startswith("msgstr"):
            current.msgstr[-1] += value
    return messages


def catalogue(language: str) -> list[Message]:
    """Return the messages of a language's interface catalogue."""
    return read_po((LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))


def inconsistencies(terms: list[Term], catalogues: dict[str, list[Message]]) -> list[Inconsistency]:
    """Return every translation that does not use the glossary's term for a term its English uses.

    For a plural entry, the first translation answers the singular English text and the others the
    plural one. A translation that contains a wording a term says to avoid is reported whatever
    its English text.
    """
    found = []
    for language, messages in catalogues.items():
        for message in messages:
            sources = [message.msgid, message.msgid_plural or message.msgid]
            for n, translation in enumerate(message.msgstr):
                english = sources[min(n, 1)]
                for term in terms:
                    rendering = term.languages[language]
                    for avoid in rendering.avoid:
                        if match := avoid.search(translation):
                            found.append(
                                Inconsistency(language, term, english, translation, match[0])
                            )
                    if not term.concerns(english):
                        continue
                    if not any(p.search(translation) for p in rendering.accept):
                        found.append(Inconsistency(language, term, english, translation))
    return found


def _cell(text: str) -> str:
    """Return text fit for a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render(terms: list[Term]) -> str:
    """Return the Markdown page of the glossary."""
    lines = [
        "# Glossary",
        "",
        "<!-- GENERATED by scripts/glossary.py from src/stepstones/locale/glossary.yaml:",
        "     edit the YAML, then run `python scripts/glossary.py`.",
        "     A test fails when the two differ. -->",
        "",
        "One term for each concept in every interface language. The Serbian Latin form is the",
        "Cyrillic one written in Latin letters (scripts/sr_latn.py). `tests/test_glossary.py`",
        "checks that every catalogue entry whose English text uses a term translates it with that",
        "term. The sources were not checked against the current official gazettes: a lawyer or",
        "anti-trafficking officer of each language should review them. The translators' notes",
        "(docs/glossary-sq-notes.md, docs/glossary-sr-notes.md) keep the wider term lists, the",
        "conventions and the open points for reviewers.",
        "",
        "| English | Macedonian (mk) | Albanian (sq) | Serbian (sr) | Serbian Latin (sr-latn) |",
        "|---|---|---|---|---|",
    ]
    for term in terms:
        mk, sq, sr = (term.languages[code].term for code in LANGUAGES)
        cells = [term.en, mk, sq, sr, to_latin(sr)]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", "## Terms and their sources", ""]
    for term in terms:
        lines += [f"### {term.en}", ""]
        if term.note:
            lines += [_cell(term.note), ""]
        lines += ["| Language | Term | Source | Accepted stems |", "|---|---|---|---|"]
        for code in LANGUAGES:
            rendering = term.languages[code]
            stems = ", ".join(f"`{p.pattern}`" for p in rendering.accept)
            if rendering.avoid:
                stems += "; never " + ", ".join(f"`{p.pattern}`" for p in rendering.avoid)
            lines.append(
                f"| {LANGUAGE_NAMES[code]} | {_cell(rendering.term)} | {_cell(rendering.source)} "
                f"| {_cell(stems)} |"
            )
            if code == "sr":
                lines.append(
                    f"| Serbian (Latin) | {_cell(to_latin(rendering.term))} | as the Cyrillic "
                    "| generated |"
                )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Write, check or lint as asked; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="exit 1 if the page is out of date")
    group.add_argument("--lint", action="store_true", help="list the catalogues' inconsistencies")
    args = parser.parse_args(argv)
    terms = load()
    if args.lint:
        found = inconsistencies(terms, {code: catalogue(code) for code in LANGUAGES})
        for inconsistency in found:
            print(inconsistency)
        print(f"{len(found)} inconsistencies")
        return 1 if found else 0
    wanted = render(terms)
    page = PAGE.relative_to(REPO)
    if args.check:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else None
        if current != wanted:
            print(f"{page} is out of date: run python scripts/glossary.py")
            return 1
        print(f"{page} is up to date")
        return 0
    PAGE.write_text(wanted, encoding="utf-8")
    print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
