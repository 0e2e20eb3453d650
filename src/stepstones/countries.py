"""Country names as workers type them, read into ISO 3166-1 alpha-2 codes (pure: no Django).

    country_code("Turkey") == country_code("Турција") == country_code("turqia") == "TR"
    read_countries("Afghanistan, Iran; TR") == (["AF", "IR", "TR"], [])
    country_name("TR", "mk") == "Турција"

Matching ignores case, accents and script: Macedonian and Serbian Cyrillic are folded into Latin
letters, so "Srbija", "Србија" and "SRBIJA" are one name. Codes (alpha-2 and alpha-3) are still
accepted. The names live in `countries.txt` beside this file: one row per code with the name
shown in each interface language and the other names a worker may type.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "Country",
    "all_countries",
    "country_code",
    "country_name",
    "read_countries",
    "similar_countries",
]

DATA = Path(__file__).with_name("countries.txt")
LANGUAGES = ("en", "mk", "sq", "sr", "sr_latn")

# Macedonian and Serbian Cyrillic in Latin letters, for matching only (not a transliteration
# to show anyone): "Турција" and "Turcija" must meet.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ѓ": "g", "ђ": "d", "е": "e", "ж": "z",
    "з": "z", "ѕ": "dz", "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ќ": "k", "ћ": "c", "у": "u",
    "ф": "f", "х": "h", "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
}  # fmt: skip
_LETTERS = {"đ": "d", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}
_SEPARATORS = re.compile(r"\s*(?:[,;/\n→>]|\s-\s)\s*")


@dataclass(frozen=True, slots=True)
class Country:
    """One country: its codes, its name in each interface language, and other names."""

    code: str
    alpha3: str
    names: dict[str, str]
    aliases: tuple[str, ...]

    def name(self, language: str) -> str:
        """Return the name shown in `language` (a Django language code); English otherwise."""
        return self.names.get(_language(language)) or self.names["en"]


def fold(text: str) -> str:
    """Return the matching key of a name: lower case, Latin letters, no accents, no punctuation."""
    text = text.casefold()
    text = "".join(_CYRILLIC.get(c, _LETTERS.get(c, c)) for c in text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = " ".join(re.sub(r"[^\w]+", " ", text).split())
    return text.removeprefix("the ")


@cache
def all_countries() -> dict[str, Country]:
    """Return every country by its alpha-2 code, as `countries.txt` lists them."""
    countries: dict[str, Country] = {}
    lines = [
        line for line in DATA.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        names = {lang: row[lang] for lang in LANGUAGES if row[lang]}
        countries[row["code"]] = Country(row["code"], row["alpha3"], names, aliases)
    return countries


@cache
def _index() -> dict[str, str]:
    """Return the code of every folded name; the first country to claim a name keeps it.

    Codes come first, then the names shown in each language, then the other names, so a
    shown name is never taken over by someone else's alternative spelling.
    """
    index: dict[str, str] = {}
    countries = all_countries().values()
    for country in countries:
        index.setdefault(fold(country.code), country.code)
        index.setdefault(fold(country.alpha3), country.code)
    for lang in LANGUAGES:
        for country in countries:
            if lang in country.names:
                index.setdefault(fold(country.names[lang]), country.code)
    for country in countries:
        for alias in country.aliases:
            index.setdefault(fold(alias), country.code)
    return index


def country_code(text: str) -> str | None:
    """Return the alpha-2 code of a country name or code as typed; None when unknown."""
    return _index().get(fold(text)) if text.strip() else None


def read_countries(text: str) -> tuple[list[str], list[str]]:
    """Return the codes of the countries listed in `text` and the parts that are not countries.

    The list may be separated by commas, semicolons, slashes, arrows or " - ". A country
    listed twice in a row counts once.
    """
    codes: list[str] = []
    unknown: list[str] = []
    for part in _SEPARATORS.split(text.strip()):
        if not part.strip():
            continue
        code = country_code(part)
        if code is None:
            unknown.append(part.strip())
        elif not codes or codes[-1] != code:
            codes.append(code)
    return codes, unknown


def country_name(code: str, language: str) -> str:
    """Return the name of the country with `code` in `language`; the code itself if unknown."""
    country = all_countries().get(code.strip().upper())
    return country.name(language) if country else code


def similar_countries(text: str, language: str, limit: int = 3) -> list[str]:
    """Return the names (in `language`) of the countries whose names look like `text`."""
    index = _index()
    close = difflib.get_close_matches(fold(text), list(index), n=limit * 3, cutoff=0.8)
    names: list[str] = []
    for key in close:
        name = country_name(index[key], language)
        if name not in names:
            names.append(name)
    return names[:limit]


def _language(language: str) -> str:
    """Return the column for a Django language code: "sr-latn" -> "sr_latn", "mk-mk" -> "mk"."""
    lang = language.lower().replace("-", "_")
    if lang.startswith("sr_latn") or lang == "sr@latin":
        return "sr_latn"
    return lang.split("_")[0]
