"""Language-independent detectors over folded text: amounts of money, phones, messengers, e-mail.

Each returns (start, end) spans in folded-text offsets, like the lexicon concepts.

Amounts always contain digits, and no match reaches further than a few characters from its
digits (a currency word before, a period or currency after), so that pattern only runs over
windows of `_PAD` characters around the digits (`_near_digits`): the same matches as a scan of
the whole text, without the regex engine trying every position of a long offer. Phone numbers
start with "+" or "0", which the pattern states first so the engine can skip to them. E-mail
addresses and links are searched from their first "@" or "http"/"www.".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from stepstones.recruitment.firstchars import first_characters

# At most six groups of thousands (10^21): unbounded, a list of phone numbers such as
# "070 123 456 070 123 456 ..." made every start re-read the rest of the list (quadratic: two
# minutes for a 100 kB offer).
_NUMBER = r"\d{1,3}(?:[.,' ]\d{3}){1,6}(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# Currency words are matched on folded text: Arabic-script ones after yeh/kaf folding ("یورو"
# and "يورو" are one), and Turkish "₺"/"lira", Urdu and Persian spellings of dollar and euro.
_CURRENCIES = {
    "eur": r"€|eur|euro|euros|eura|evra|evro|evri|ευρω|يورو|اليورو|يوروي",
    "mkd": r"mkd|den|denari|denara",
    "all": r"lek|leke|leku|lekesh",
    "rsd": r"rsd|din|dinara|dinari",
    "bam": r"bam|km",
    "usd": r"\$|usd|dollars?|us\$|dolar|dolars|دولار|الدولار|دلار|دالر|ڈالر|ډالر",
    "gbp": r"£|gbp|pounds?",
    "chf": r"chf|francs?|franaka",
    "try": r"try|tl|lira|₺|ليره|لير",
    "hrk": r"hrk|kuna",
}
_CUR = "|".join(f"(?P<{code}>{alt})" for code, alt in _CURRENCIES.items())
_CURRENCY_OF_GROUP = {c: c for c in _CURRENCIES} | {f"{c}2": c for c in _CURRENCIES}
_CUR2 = "|".join(f"(?P<{code}2>{alt})" for code, alt in _CURRENCIES.items())
_AMOUNT = re.compile(
    rf"(?<![\w.,])(?:(?:{_CUR})\s?(?P<n1>{_NUMBER})(?P<k1>k\b)?"
    rf"|(?P<n2>{_NUMBER})\s?(?P<k2>k\b)?\s?(?:{_CUR2}))(?![a-z])"
)
_PERIODS = (
    (
        "hour",
        re.compile(
            r"hour|/h\b|/hr|\bh\b|na sat|po satu|na cas|ne ore|\bora\b|stunde|heure|saat|"
            r"بالساعه|في الساعه|ساعتي|فی ساعت|گھنٹ"
        ),
    ),
    (
        "day",
        re.compile(
            r"per day|a day|/day|daily|dnevno|na dan|ne dite|dnevn|ditore|par jour|gunluk|"
            r"yevmiye|يوميا|في اليوم|روزانه|روزانہ|يومي|ورځني"
        ),
    ),
    (
        "week",
        re.compile(
            r"week|nedeljno|nedelno|sedmicno|tjedno|ne jave|javor|semaine|haftal|اسبوع|هفته"
        ),
    ),
    (
        "year",
        re.compile(
            r"year|annual|/yr|p\.a|godisn|godisno|ne vit|vjetor|par an\b|yillik|سنويا|سالانه"
        ),
    ),
    (
        "month",
        re.compile(
            r"month|/mo|p/m|mesecn|mjesecn|na mesec|ne muaj|mujor|par mois|mensuel|aylik|ayda|"
            r"شهري|شهريا|في الشهر|بالشهر|ماهانه|ماهوار|ماهيانه|ماه|مياشت|مهينه|ماهانہ"
        ),
    ),
)
# All periods in one search: the leftmost wins, and at one place the first name in alphabetical
# order (the alternatives are sorted), which is what min((start, name)) over each pattern gives.
_PERIOD = re.compile("|".join(f"(?P<{name}>{rx.pattern})" for name, rx in sorted(_PERIODS)))
# Every period word holds a letter or "/": a window with neither needs no search (a list of
# bare amounts such as "€1€1€1..." would otherwise cost one search per amount for nothing).
_PERIOD_CHAR = re.compile(r"[^\W\d_]|/")

_INTERNATIONAL = r"\d{1,3}[\s\-./]?\(?\d{1,4}\)?(?:[\s\-./]?\d{2,4}){2,4}(?!\w)"
_NATIONAL = r"\d{1,3}[\s\-./]?\d{2,4}[\s\-./]?\d{2,4}(?:[\s\-./]?\d{2,4})?(?!\w)"
# A number written +CC..., 00CC... or 0..., not inside a word or after another "+". The
# leading character class lets the regex engine jump from one "+" or "0" to the next instead
# of trying every position; the look-behind then checks the character before it. Equal to
# (?<![\w+])(?:\+|00)INTERNATIONAL|(?<![\w+])0NATIONAL (tests compare them).
_PHONE = re.compile(
    rf"[+0](?<![\w+].)(?:(?<=\+){_INTERNATIONAL}|(?<=0)0{_INTERNATIONAL}|(?<=0){_NATIONAL})"
)
# Landlines of the region (a fixed line is checkable; a mobile number is not).
_LANDLINE = re.compile(
    r"^(?:(?:\+|00)389[\s\-./]?\(?0?[2-4]|0[2-4]"  # MK: Skopje 02, other cities 03x/04x
    r"|(?:\+|00)381[\s\-./]?\(?0?[1-3]|0[1-3]"  # RS: 011 Belgrade, 01x-03x
    r"|(?:\+|00)355[\s\-./]?\(?0?[2-5]"  # AL: fixed lines outside 06x
    r")"
)
_MESSENGER_NAMES = (
    r"wh?ats?'?\s?\$?app|what'?s\$app|wa\.me|v[i!1]ber|telegr[a@]m|t\.me/"
    r"|signal app|on signal|fb messenger|facebook messenger|on messenger|via messenger"
    r"|messenger app|we\s?chat|imo|m\.me/"
    r"|вибер|вајбер|vajber|vocap|vocapp"
    # Arabic script (folded: ي and ك forms): WhatsApp, Telegram, Viber, IMO, with the Arabic
    # article or "on" joined to them ("الواتس", "عالواتس").
    r"|(?:ال|بال|عال|ع|ب|و)?(?:واتس\s?ا?[بپ]|واتس|وتس\s?اب|واٹس\s?ا?يپ|واٹساپ|واټس\s?ا?پ"
    r"|تل[گغك]رام|ايمو|[فو]اي?بر)"
)
_MESSENGER = re.compile(rf"(?<!\w)(?:{_MESSENGER_NAMES})(?!\w)")
# The same names, found faster: a pattern that starts with a class of characters lets the regex
# engine skip, in C, to the next place with a letter a name can start with (see firstchars),
# where a look-behind goes back to check the name, kept in group "name". It gives every place a
# name starts, overlapping ones too ("on signal app"); `_messengers` keeps the same
# non-overlapping, leftmost ones that _MESSENGER.finditer gives.
_MESSENGER_FIRST = first_characters(_MESSENGER_NAMES)
_MESSENGER_STARTS = (
    re.compile(rf"[{_MESSENGER_FIRST}](?<=(?<!\w)(?=(?P<name>{_MESSENGER_NAMES})(?!\w)).)")
    if _MESSENGER_FIRST
    else None
)
_EMAIL = re.compile(r"[\w.+\-]+@(?P<domain>[\w\-]+(?:\.[\w\-]+)+)")
_FREE_MAIL = re.compile(
    r"^(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|ymail|aol|yandex|mail|gmx|web|icloud|"
    r"me|protonmail|proton|t-home|abv|zoho|inbox|rocketmail|freemail|libero|seznam|wp|o2|"
    r"email|post|rediffmail|qq|163)\."
)
_URL = re.compile(r"(?:https?://|www\.)(?P<host>[\w\-]+(?:\.[\w\-]+)+)\S*")
_SOCIAL = re.compile(
    r"^(?:www\.)?(?:facebook|fb|m\.facebook|instagram|tiktok|t|wa|m|bit|tinyurl|goo|forms|"
    r"docs|linktr|vk|ok|twitter|x|youtube|youtu|telegram|viber|whatsapp|cutt|shorturl|is|"
    r"rebrand|tiny|ow)\."
)


_LOCAL_PART = re.compile(r"[\w.+\-]")
# Twice the longest reach of _AMOUNT or _PHONE from their digits (12 characters: a currency
# word of up to 7 letters, "k", two spaces, one character of look-ahead or look-behind).
_PAD = 24
# Digits with less than 2 * _PAD other characters between them, so that their windows touch.
_DIGIT_CLUSTER = re.compile(rf"\d(?:\D{{0,{2 * _PAD}}}\d)*")


def _near_digits(text: str) -> list[tuple[int, int]]:
    """Return disjoint windows of `text` covering every digit with `_PAD` characters each side.

    Clusters of digits are at least 2 * _PAD + 1 characters apart, so no match of _AMOUNT or
    _PHONE can cross from one window into another, and a scan that stops at a window's end
    sees what a whole-text scan sees (the next digit is too far for any match to reach).
    """
    return [(max(0, m.start() - _PAD), m.end() + _PAD) for m in _DIGIT_CLUSTER.finditer(text)]


def _finditer_near_digits(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Return pattern.finditer(text) for a pattern whose every match contains a digit."""
    return [m for s, e in _near_digits(text) for m in pattern.finditer(text, s, min(e, len(text)))]


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of money found in the text, converted to euros a month."""

    start: int
    end: int
    eur_per_month: float


_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_THOUSANDS_DECIMALS = re.compile(r"\d{1,3}(?:[.,]\d{3})+[.,]\d{1,2}")
_SEPARATOR = re.compile(r"[.,]")


def _number(raw: str) -> float:
    raw = raw.replace(" ", "").replace("'", "")
    if _THOUSANDS.fullmatch(raw):
        return float(_SEPARATOR.sub("", raw))
    if _THOUSANDS_DECIMALS.fullmatch(raw):
        return float(_SEPARATOR.sub("", raw[:-3]) + "." + raw[-2:].lstrip(".,"))
    return float(raw.replace(",", "."))


# The group number of each currency written before the number, in the pattern's order.
_CURRENCY_BEFORE = tuple((_AMOUNT.groupindex[code], code) for code in _CURRENCIES)


def _currency(m: re.Match[str]) -> str:
    """Return the currency of an _AMOUNT match (one currency group at most takes part)."""
    # After the number, the currency's group is the last to close; before it, the number's is.
    after = _CURRENCY_OF_GROUP.get(m.lastgroup or "")
    if after is not None:
        return after
    spans = m.regs
    for index, code in _CURRENCY_BEFORE:
        start, end = spans[index]
        if end > start:
            return code
    return "eur"


def amounts(folded: str, pay: dict[str, Any]) -> list[Amount]:
    """Return every amount of money in `folded`, as euros a month (period read after it)."""
    found: list[Amount] = []
    rates: dict[str, float] = pay["to_eur"]
    per: dict[str, float] | None = None
    for m in _finditer_near_digits(_AMOUNT, folded):
        n1, n2, k1, k2 = m.group("n1", "n2", "k1", "k2")
        currency = _currency(m)
        try:
            value = _number(n1 or n2 or "0")
        except ValueError:
            continue
        if k1 or k2:
            value *= 1000
        value *= rates.get(currency, 1.0)
        if per is None:
            per = {
                "hour": float(pay["hours_per_month"]),
                "day": float(pay["days_per_month"]),
                "week": float(pay["weeks_per_month"]),
            }
        # A slice, not search(pos): \b at its start must not see the amount's last letter.
        after = folded[m.end() : m.end() + 25]
        found_period = _PERIOD.search(after) if _PERIOD_CHAR.search(after) else None
        period = found_period.lastgroup if found_period else None
        if period is None:
            period = "year" if value >= 20_000 else "month"
        if period == "year":
            per_month = value / 12
        elif period == "month":
            per_month = value
        else:
            per_month = value * per[period]
        found.append(Amount(m.start(), m.end(), per_month))
    return found


@dataclass(frozen=True, slots=True)
class Contacts:
    """Contact details found in a text (folded offsets)."""

    phones: list[tuple[int, int]]
    landlines: list[tuple[int, int]]
    messengers: list[tuple[int, int]]
    free_mail: list[tuple[int, int]]
    corporate: list[tuple[int, int]]


def contacts(folded: str) -> Contacts:
    """Find phone numbers, messaging apps, free and corporate e-mail and websites."""
    phones: list[tuple[int, int]] = []
    landlines: list[tuple[int, int]] = []
    for m in _PHONE.finditer(folded):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) < 8:
            continue
        (landlines if _LANDLINE.match(m.group()) else phones).append(m.span())
    free: list[tuple[int, int]] = []
    corporate: list[tuple[int, int]] = []
    for m in _emails(folded):
        (free if _FREE_MAIL.match(m.group("domain")) else corporate).append(m.span())
    email_spans = free + corporate
    for m in _URL.finditer(folded, _link_start(folded)):
        inside_email = any(s <= m.start() < e for s, e in email_spans)
        if not inside_email and not _SOCIAL.match(m.group("host")):
            corporate.append(m.span())
    messengers = _messengers(folded)
    return Contacts(phones, landlines, messengers, free, corporate + landlines)


def _messengers(text: str) -> list[tuple[int, int]]:
    """Return the spans of _MESSENGER.finditer(text), skipping in C to where a name can start."""
    if _MESSENGER_STARTS is None:  # the names' first characters could not be read
        return [m.span() for m in _MESSENGER.finditer(text)]
    spans: list[tuple[int, int]] = []
    done = 0
    for m in _MESSENGER_STARTS.finditer(text):
        start, end = m.span("name")
        if start >= done:  # not inside the name found before, as finditer would not look there
            spans.append((start, end))
            done = end
    return spans


def _emails(text: str) -> list[re.Match[str]]:
    """Return _EMAIL.finditer(text), in time linear in the text.

    A match needs an "@" right after the run of local-part characters it starts in, so for each
    "@" (left to right, after the previous match) the only start to try is that run's beginning:
    the regex engine alone would retry every position of a long run whose domain fails.
    """
    found: list[re.Match[str]] = []
    done = 0
    at = text.find("@")
    while at >= 0:
        start = at
        while start > done and _LOCAL_PART.match(text, start - 1):
            start -= 1
        m = _EMAIL.match(text, start) if start < at else None
        if m:
            found.append(m)
            done = m.end()
        at = text.find("@", max(at + 1, done))
    return found


def _link_start(text: str) -> int:
    """Return a position no link starts before: the first "http" or "www."."""
    found = [i for i in (text.find("http"), text.find("www.")) if i >= 0]
    return min(found) if found else len(text)
