"""Find what looks like identifying details in a case summary (pure: no Django).

    [f.kind for f in identifying_details("Ahmad called from +389 70 123 456")]
    == ["name", "phone"]

A summary says what happened, without names: identity belongs in the encrypted vault. This is
a warning, not a rule: the worker sees what was found beside the field and may keep the text.
It looks for e-mail addresses, phone numbers, document or passport numbers, and names: frequent
given names of the route's countries (Latin, Cyrillic and Arabic script) anywhere, and other
capitalised words that start no sentence and are not a known word, country, place or part of an
organisation's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from stepstones.countries import country_code, fold

__all__ = ["Finding", "Kind", "identifying_details"]


class Kind(StrEnum):
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing in the text that may identify the person: what kind, and the text itself."""

    kind: Kind
    text: str


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the separators phone numbers are written with; checked for length below.
_PHONE = re.compile(r"(?<![\w.])(?:\+|00)?\(?\d[\d\s().-]{5,}\d(?![\w])")
_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_YEARS = re.compile(r"^\d{4}\s*-\s*\d{4}$")
# Passport and identity card numbers: a few capital letters and many digits ("P1234567",
# "AB123456", "A12345678C"), in Latin or Cyrillic letters.
_DOCUMENT = re.compile(r"(?<![\w])[A-ZА-ЯЁЃЌЅЈЉЊЏ]{1,3}\d{5,12}[A-ZА-Я]?(?![\w])")
# Digits right after a word that names a document: "passport 12345678", "ID no. 4412331".
_DOCUMENT_AFTER = re.compile(
    r"(?i)\b(?:passport|pass|id|identity card|document|doc|card|pasos|pasoš|pasaportë|"
    r"пасош|лична карта|личната карта|ид)\b(?:\s*(?:no|nr|number|num|број|br|#)\.?)?[\s:#]*"
    r"(\d[\d\s-]{4,14}\d)"
)


def _words(text: str) -> list[str]:
    """Return the words of a list written as text, one space or line break apart."""
    return text.split()


# Frequent given names of people met on the route (Afghanistan, Pakistan, Syria, Iraq, Iran,
# Bangladesh, North Africa, Türkiye, the Western Balkans, Ukraine), in the spellings workers use.
GIVEN_NAMES = frozenset(
    _words(
        """
    Ahmad Ahmed Ahmet Mohammad Mohammed Muhammad Mohamed Mohamad Mehmet Mahmoud Mahmood
    Mustafa Mostafa Abdullah Abdallah Abdul Yusuf Youssef Yousef Ibrahim Khaled Khalid Karim
    Reza Hamid Farid Rahim Bilal Imran Tariq Hassan Hasan Hussein Hussain Hossein Omar Umar
    Osman Jamal Samir Nabil Walid Rashid Said Saeed Amir Ehsan Javad Mehdi Morteza Naveed
    Asif Zubair Shahid Aziz Habib Sohail Faisal Kamal Rafiq Sumon Hamza Idris Ismail Anwar
    Fatima Fatemeh Fatma Aisha Ayesha Amira Maryam Mariam Nour Noor Layla Leila Zahra Zainab
    Zeynab Rania Yasmin Yasmina Shirin Parisa Sana Amina Samira Nadia Farida Khadija Salma
    Hana Huda Nasrin Roya Soraya Elif Zeynep Emine
    Marko Nikola Stefan Aleksandar Dragan Goran Zoran Petar Milan Dejan Bojan Darko Vlado
    Marija Jovana Milica Ivana Elena Biljana Snezana Tanja Vesna
    Arben Besnik Blerim Driton Fatmir Ilir Valon Bujar Shpend Ardit Arjeta Blerta Mimoza
    Olena Oksana Iryna Yulia Natalia Dmytro Andriy Oleksandr Serhiy Tetiana
    Ахмед Ахмад Мохамед Мухамед Мустафа Марко Никола Стефан Александар Драган Горан Зоран
    Петар Милан Дејан Марија Јована Милица Ивана Елена Билјана Олена Оксана Ірина Дмитро
    أحمد احمد محمد علي حسن حسين عمر محمود مصطفى عبدالله يوسف إبراهيم ابراهيم خالد كريم
    رضا حامد فاطمة فاطمه عائشة أميرة اميرة مريم نور ليلى زينب سارة زهرا
    """
    )
)

# Capitalised words that are not names: pronouns, days, months, peoples, languages, titles of
# services and apps, parts of organisations' names, and the route's towns and landmarks.
COMMON_WORDS = frozenset(
    fold(w)
    for w in _words(
        """
    I I'm I've I'd Mr Mrs Ms Dr
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Afghan Afghans Syrian Syrians Pakistani Pakistanis Iraqi Iraqis Iranian Iranians Kurdish Kurd
    Kurds Bangladeshi Moroccan Algerian Tunisian Libyan Egyptian Nigerian Turkish Turk Greek
    Macedonian Albanian Serbian Kosovar Bulgarian Croatian Bosnian Hungarian Austrian German
    Ukrainian Russian European Arab Arabs Roma Romani Balkan Balkans
    English Arabic Farsi Dari Pashto Urdu Bengali Bangla French Turkish Tigrinya Somali
    Police Border Centre Center Ministry Interior Social Work Office Embassy Consulate Court
    Prosecutor Prosecution Shelter Clinic Hospital School Church Mosque Camp Reception Transit
    Station Airport Bus Train Hotel Motel Restaurant Bar Club Factory Farm Company Agency
    Association Foundation Institute University Department Unit Team Service Services House
    Home Street Road Square Market Red Cross Crescent Open Door Outreach Legal Aid Lakeside
    NGO IOM UNHCR UNICEF OSCE MYLA Frontex Europol Interpol EU UN Republic Kingdom United
    States Nations Union North South East West Northern Southern Eastern Western Central
    Route Mediterranean Aegean Sea River Lake Mount
    WhatsApp Facebook Instagram Telegram Viber Signal TikTok Google Internet Western
    Skopje Gevgelija Kumanovo Bitola Tetovo Ohrid Struga Strumica Veles Prilep Stip Kicevo
    Tabanovce Lojane Vinojug Vardar Idomeni Evros Thessaloniki Athens Lesbos Samos
    Belgrade Beograd Subotica Presevo Nis Sid Horgos Sofia Budapest Vienna Tirana Pristina
    Istanbul Izmir Edirne Ankara Kabul Herat Kandahar Mazar Jalalabad Tehran Mashhad
    Damascus Aleppo Idlib Homs Baghdad Erbil Mosul Karachi Lahore Islamabad Peshawar Quetta
    Dhaka Sylhet Casablanca Tangier Algiers Tunis Tripoli Cairo Lagos
    Скопје Гевгелија Куманово Битола Табановце Лојане Винојуг Белград Солун
    """
    )
)
# Words before a place, not a person ("in Skopje", "from Kabul", "во Скопје", "nga Tirana").
_PLACE_WORDS = frozenset(
    _words(
        "in from to at via near through towards into across outside inside around "
        "во од до преку кон низ u iz do kroz preko në nga drejt"
    )
)
# Small words that may sit inside a name of an organisation ("Centre for Social Work").
_JOINERS = frozenset(_words("for of and the de la за на и i e të"))
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?:;\n•*\-–—\"“”«»()]\s*$")


def identifying_details(text: str) -> list[Finding]:
    """Return what in `text` looks like a name, phone number, e-mail or document number.

    Each finding is listed once, in the order the kinds are checked (e-mail, phone, document,
    name) and then as they appear in the text.
    """
    findings: list[Finding] = []
    rest = text
    for match in _EMAIL.finditer(text):
        findings.append(Finding(Kind.EMAIL, match.group()))
        rest = rest.replace(match.group(), " ")
    for match in _DOCUMENT_AFTER.finditer(rest):
        findings.append(Finding(Kind.DOCUMENT, match.group(1).strip()))
        rest = rest.replace(match.group(1), " ")
    for match in _PHONE.finditer(rest):
        found = match.group().strip(" .-()")
        if _looks_like_phone(found):
            findings.append(Finding(Kind.PHONE, found))
            rest = rest.replace(match.group(), " ")
    for match in _DOCUMENT.finditer(rest):
        findings.append(Finding(Kind.DOCUMENT, match.group()))
    findings.extend(Finding(Kind.NAME, word) for word in _names(rest))
    unique: list[Finding] = []
    for finding in findings:
        if finding not in unique:
            unique.append(finding)
    return unique


def _looks_like_phone(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if _DATE.match(text) or _YEARS.match(text):
        return False
    # An international number may be short; a local one has at least eight digits
    # (North Macedonia's mobiles: 070 123 456). Amounts and years are shorter.
    if text.startswith(("+", "00")):
        return 7 <= len(digits) <= 15
    return 8 <= len(digits) <= 15


def _names(text: str) -> list[str]:
    """Return the words of `text` that look like people's names."""
    names: list[str] = []
    words = list(_WORD.finditer(text))
    run: list[str] = []  # the capitalised run being read; names only if nothing excuses it
    excused = False
    for index, match in enumerate(words):
        word = match.group()
        before = text[: match.start()]
        previous = words[index - 1].group() if index else ""
        if word in GIVEN_NAMES:
            names.append(word)
        if not _capitalised(word):
            if run and word.lower() in _JOINERS and not _SENTENCE_END.search(before):
                continue  # "Centre for Social Work": the run goes on
            names.extend(_run_names(run, excused))
            run, excused = [], False
            continue
        starts_sentence = not before.strip() or bool(_SENTENCE_END.search(before))
        if starts_sentence:
            names.extend(_run_names(run, excused))
            run, excused = [], False
            # The first word of a sentence is capitalised anyway: only given names count.
            continue
        if not run:
            excused = previous.lower() in _PLACE_WORDS
        run.append(word)
        if _known_word(word):
            excused = True
    names.extend(_run_names(run, excused))
    return [n for i, n in enumerate(names) if n not in names[:i]]


def _run_names(run: list[str], excused: bool) -> list[str]:
    # A run with a place word before it or a known word inside it names a place or an
    # organisation ("from Kabul", "Centre for Social Work Lakeside").
    if excused:
        return []
    return [w for w in run if w not in GIVEN_NAMES]  # given names are already listed


def _capitalised(word: str) -> bool:
    first = word[0]
    # All-capital words are abbreviations (IOM, NGO, MVR), not names.
    return first.isupper() and not (len(word) > 1 and word.isupper())


@cache
def _known_word(word: str) -> bool:
    folded = fold(word)
    if folded in COMMON_WORDS:
        return True
    # Country names (not two- or three-letter codes: "In" is no India).
    return len(folded) > 3 and country_code(word) is not None
