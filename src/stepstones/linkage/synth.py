"""Synthetic people on the Balkan route, registered several times with realistic corruption.

Ground truth for the linkage evidence: each record knows the person it belongs to. The spellings
are written here by hand from common usage (they are not derived from our own folding rules), and
every registration may change script (Latin, Macedonian or Serbian Cyrillic, Arabic), word order,
a letter (typo), the birth date (day and month swapped, an estimated year, sometimes written as
the 1st of January, missing), sex or citizenship. Some siblings are twins.
Families share a surname; Muhammad, Ahmad and Ali are as common as they are in life.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from stepstones.linkage.dates import BirthDate
from stepstones.linkage.encoder import Identity

# (Latin spellings seen in registrations, Arabic script or "", Cyrillic as a Macedonian
# officer writes it or "", weight). The first Latin spelling is the "true" one.
Name = tuple[tuple[str, ...], str, str, int]

ARAB_MALE: tuple[Name, ...] = (
    (("Mohammad", "Muhammad", "Mohammed", "Mohamed", "Mohamad", "Muhamed"), "محمد", "Мухамед", 40),
    (("Ahmad", "Ahmed", "Ahmet"), "أحمد", "Ахмед", 18),
    (("Ali", "Aly"), "علي", "Али", 16),
    (("Hassan", "Hasan"), "حسن", "Хасан", 8),
    (("Hussein", "Hussain", "Husein", "Hossein"), "حسين", "Хусеин", 7),
    (("Omar", "Umar", "Omer"), "عمر", "Омар", 6),
    (("Abdullah", "Abdallah", "Abdulla"), "عبدالله", "Абдулах", 6),
    (("Yusuf", "Youssef", "Yousef", "Jusuf"), "يوسف", "Јусуф", 5),
    (("Ibrahim", "Ebrahim"), "ابراهيم", "Ибрахим", 5),
    (("Mustafa", "Mostafa", "Mustapha"), "مصطفى", "Мустафа", 4),
    (("Mahmoud", "Mahmud", "Mahmood"), "محمود", "Махмуд", 4),
    (("Khalid", "Khaled", "Halid"), "خالد", "Халид", 4),
    (("Karim", "Kareem"), "كريم", "Карим", 3),
    (("Samir", "Sameer"), "سمير", "Самир", 3),
    (("Tariq", "Tarek", "Tarik"), "طارق", "Тарик", 3),
    (("Bilal",), "بلال", "Билал", 2),
    (("Hamza", "Hamzah"), "حمزة", "Хамза", 3),
    (("Walid", "Waleed"), "وليد", "Валид", 2),
    (("Nasser", "Naser", "Nasir"), "ناصر", "Насер", 2),
    (("Rashid", "Rachid", "Rasheed"), "رشيد", "Рашид", 2),
    (("Jamal", "Djamal", "Gamal"), "جمال", "Џамал", 2),
    (("Faisal", "Faysal"), "فيصل", "Фејсал", 2),
    (("Ayman", "Aiman"), "أيمن", "Ајман", 2),
    (("Majid", "Majed"), "ماجد", "Маџид", 2),
    (("Zakaria", "Zakariya", "Zakariah"), "زكريا", "Закарија", 2),
    (("Anas",), "أنس", "Анас", 2),
    (("Sami", "Samy"), "سامي", "Сами", 2),
    (("Adel", "Adil"), "عادل", "Адел", 2),
    (("Nabil", "Nabeel"), "نبيل", "Набил", 1),
    (("Qasim", "Kasim", "Qassem"), "قاسم", "Касим", 1),
)
AFGHAN_MALE: tuple[Name, ...] = (
    (("Ahmad", "Ahmed"), "احمد", "Ахмад", 14),
    (("Mohammad", "Muhammad", "Mohammed"), "محمد", "Мохамад", 20),
    (("Ali",), "علی", "Али", 8),
    (("Hamid", "Hameed"), "حمید", "Хамид", 4),
    (("Jawad", "Javad"), "جواد", "Џавад", 3),
    (("Farid", "Fareed"), "فرید", "Фарид", 3),
    (("Rahim", "Raheem"), "رحیم", "Рахим", 3),
    (("Zabihullah", "Zabiullah"), "ذبیح الله", "Забиула", 2),
    (("Naveed", "Navid"), "نوید", "Навид", 2),
    (("Gul",), "گل", "Гул", 2),
    (("Sohrab",), "سهراب", "Сохраб", 1),
    (("Wahid", "Waheed"), "وحید", "Вахид", 2),
    (("Shafiq", "Shafik"), "شفیق", "Шафик", 2),
)
ARAB_FEMALE: tuple[Name, ...] = (
    (("Fatima", "Fatma", "Fatimah"), "فاطمة", "Фатима", 10),
    (("Aisha", "Ayesha", "Aicha"), "عائشة", "Аиша", 6),
    (("Maryam", "Mariam", "Meryem"), "مريم", "Марјам", 7),
    (("Zainab", "Zeinab", "Zaynab"), "زينب", "Зејнеб", 5),
    (("Amina", "Aminah"), "أمينة", "Амина", 5),
    (("Khadija", "Khadidja", "Hadija"), "خديجة", "Хадиџа", 4),
    (("Layla", "Leila", "Laila"), "ليلى", "Лејла", 4),
    (("Nour", "Noor", "Nur"), "نور", "Нур", 4),
    (("Sara", "Sarah"), "سارة", "Сара", 4),
    (("Huda", "Houda"), "هدى", "Худа", 2),
    (("Rania",), "رانيا", "Ранија", 2),
    (("Yasmin", "Yasmine", "Jasmin"), "ياسمين", "Јасмин", 3),
    (("Samira", "Sameera"), "سميرة", "Самира", 2),
    (("Hala",), "هالة", "Хала", 2),
    (("Farah",), "فرح", "Фарах", 2),
)
ARAB_SURNAMES: tuple[Name, ...] = (
    (("Al-Hassan", "Alhassan", "El Hassan"), "الحسن", "Ал Хасан", 5),
    (("Ahmadi", "Ahmady"), "احمدي", "Ахмади", 6),
    (("Hussaini", "Husseini", "Hosseini"), "حسيني", "Хусеини", 5),
    (("Mohammadi", "Muhammadi", "Mohammady"), "محمدي", "Мохамади", 6),
    (("Rahimi", "Raheemi"), "رحيمي", "Рахими", 4),
    (("Haidari", "Haydari", "Heidari"), "حيدري", "Хајдари", 4),
    (("Khan",), "خان", "Хан", 8),
    (("Noori", "Nouri", "Nuri"), "نوري", "Нури", 3),
    (("Karimi", "Kareemi"), "كريمي", "Карими", 3),
    (("Al-Ali", "Alali"), "العلي", "Ал Али", 3),
    (("Haddad", "Hadad"), "حداد", "Хадад", 3),
    (("Khalil", "Khaleel", "Halil"), "خليل", "Халил", 3),
    (("Saleh", "Salih", "Saleh"), "صالح", "Салех", 3),
    (("Mansour", "Mansur", "Mansoor"), "منصور", "Мансур", 3),
    (("Abbas",), "عباس", "Абас", 3),
    (("Aziz", "Azeez"), "عزيز", "Азиз", 2),
    (("Darwish", "Darwich", "Dervish"), "درويش", "Дарвиш", 2),
    (("Habibi", "Habeebi"), "حبيبي", "Хабиби", 2),
    (("Sultani", "Soltani"), "سلطاني", "Султани", 2),
    (("Yousefi", "Yusufi", "Jusufi"), "يوسفي", "Јусуфи", 2),
    (("Qaderi", "Kaderi", "Qadiri"), "قادري", "Кадери", 2),
    (("Sharif", "Sherif", "Shareef"), "شريف", "Шариф", 2),
    (("Nazari", "Nazary"), "نظري", "Назари", 2),
    (("Jaber", "Jabir", "Djaber"), "جابر", "Џабер", 2),
    (("Hamdan",), "حمدان", "Хамдан", 2),
    (("Othman", "Osman", "Uthman"), "عثمان", "Осман", 2),
    (("Bakr", "Bakir", "Baker"), "بكر", "Бакр", 1),
    (("Tahir", "Taher"), "طاهر", "Тахир", 2),
    (("Zaidi", "Zaydi"), "زيدي", "Заиди", 1),
    (("Barakzai", "Barakzay"), "بارکزی", "Баракзај", 2),
    (("Popalzai", "Popalzay"), "پوپلزی", "Попалзај", 1),
    (("Safi", "Saafi"), "صافي", "Сафи", 2),
    (("Amiri", "Ameeri"), "اميري", "Амири", 3),
    (("Jafari", "Jaafari", "Ja'fari"), "جعفري", "Џафари", 3),
    (("Rezaei", "Rezai", "Rezaee"), "رضائی", "Резаи", 3),
)
BALKAN_MALE: tuple[Name, ...] = (
    (("Gjorgji", "Gjorgi", "Gorgi", "Ǵorǵi"), "", "Ѓорѓи", 4),
    (("Aleksandar", "Aleksander", "Alexander"), "", "Александар", 5),
    (("Stefan",), "", "Стефан", 4),
    (("Marko",), "", "Марко", 4),
    (("Nikola", "Nicola"), "", "Никола", 4),
    (("Dragan",), "", "Драган", 3),
    (("Goran",), "", "Горан", 3),
    (("Dejan",), "", "Дејан", 3),
    (("Kjiro", "Ḱiro", "Kiro"), "", "Ќиро", 2),
    (("Zoran",), "", "Зоран", 3),
    (("Besnik",), "", "Бесник", 2),
    (("Arben",), "", "Арбен", 2),
    (("Fatmir",), "", "Фатмир", 2),
    (("Milos", "Miloš"), "", "Милош", 2),
    (("Dusan", "Dušan", "Dushan"), "", "Душан", 2),
)
BALKAN_FEMALE: tuple[Name, ...] = (
    (("Elena",), "", "Елена", 4),
    (("Marija", "Maria"), "", "Марија", 5),
    (("Ana",), "", "Ана", 3),
    (("Biljana",), "", "Билјана", 2),
    (("Snezhana", "Snežana", "Snezana"), "", "Снежана", 2),
    (("Drita",), "", "Дрита", 2),
    (("Blerta",), "", "Блерта", 1),
    (("Jovana", "Yovana"), "", "Јована", 2),
)
BALKAN_SURNAMES: tuple[Name, ...] = (
    (("Kjosev", "Kosev", "Ḱosev"), "", "Ќосев", 2),
    (("Petrovski",), "", "Петровски", 4),
    (("Nikolovski",), "", "Николовски", 4),
    (("Stojanovski",), "", "Стојановски", 3),
    (("Jovanovic", "Jovanović", "Jovanovich"), "", "Јовановиќ", 3),
    (("Trajkovski",), "", "Трајковски", 3),
    (("Gjorgjiev", "Gorgiev", "Ǵorǵiev"), "", "Ѓорѓиев", 2),
    (("Krasniqi", "Krasnici"), "", "Красничи", 3),
    (("Hoxha", "Hodza", "Hodža"), "", "Хоџа", 2),
    (("Shehu", "Sehu", "Šehu"), "", "Шеху", 2),
    (("Dimitrovski",), "", "Димитровски", 3),
    (("Ilievski",), "", "Илиевски", 3),
    (("Markovic", "Marković", "Markovich"), "", "Марковиќ", 2),
    (("Bajrami",), "", "Бајрами", 2),
    (("Ristovski",), "", "Ристовски", 2),
)


def _derived(
    names: tuple[Name, ...], latin_end: str, arabic_end: str, cyrillic_end: str
) -> tuple[Name, ...]:
    """Return surnames made from given names (Karim -> Karimi, Marko -> Markovski), rarer."""
    return tuple(
        (
            tuple(spelling + latin_end for spelling in latin),
            arabic + arabic_end if arabic else "",
            cyrillic + cyrillic_end if cyrillic else "",
            1,
        )
        for latin, arabic, cyrillic, _ in names
        if " " not in latin[0]
    )


ARAB_SURNAMES = ARAB_SURNAMES + _derived(ARAB_MALE + AFGHAN_MALE, "i", "ي", "и")
ARAB_SURNAMES = ARAB_SURNAMES + _derived(ARAB_MALE, "zada", "زاده", "зада")
BALKAN_SURNAMES = BALKAN_SURNAMES + _derived(BALKAN_MALE, "ovski", "", "овски")
BALKAN_SURNAMES = BALKAN_SURNAMES + _derived(BALKAN_MALE, "ov", "", "ов")
# Consonants of Arabic roots: (Latin spellings, Arabic letter). Surnames are built from roots and
# the patterns below (Karim, Haddad, Mahmud, Nazari, Al-Hakim), as real Arabic names are, so the
# population has thousands of surnames, each with the spelling variants of its letters.
ROOT_CONSONANTS = (
    (("b",), "ب"), (("t",), "ت"), (("j", "dj"), "ج"), (("h",), "ح"), (("kh", "h"), "خ"),
    (("d",), "د"), (("r",), "ر"), (("z",), "ز"), (("s",), "س"), (("sh", "ch"), "ش"),
    (("f",), "ف"), (("q", "k"), "ق"), (("k",), "ك"), (("l",), "ل"), (("m",), "م"),
    (("n",), "ن"), (("s",), "ص"), (("t",), "ط"), (("gh", "g"), "غ"),
)  # fmt: skip
# Pattern parts: 1, 2, 3 the root's consonants; vowels as (Latin spellings, Arabic letter).
SHORT_A = (("a", "e"), "")
LONG_A = (("a", "aa"), "ا")
LONG_I = (("i", "ee"), "ي")
LONG_U = (("u", "ou", "oo"), "و")
NISBA = (("i", "y"), "ي")
ROOT_PATTERNS: tuple[tuple[object, ...], ...] = (
    (1, SHORT_A, 2, LONG_I, 3),  # Karim
    (1, SHORT_A, 2, LONG_A, 3),  # Salam
    ((("m",), "م"), SHORT_A, 1, 2, LONG_U, 3),  # Mahmud
    (1, SHORT_A, 2, LONG_A, 3, NISBA),  # Nazari
    (1, SHORT_A, 2, LONG_I, 3, NISBA),  # Karimi
    (1, LONG_A, 2, (("i", "e"), ""), 3),  # Qasim
)
BALKAN_ROOTS = (
    "petr", "stoj", "trajk", "ilij", "mitr", "kost", "pop", "lazar", "jank", "ristev",
    "gjorgj", "kjir", "nikol", "mark", "dimitr", "angel", "bog", "vel", "zdrav", "cvet",
    "šar", "čaul", "živ", "krst", "tod", "spas", "blaž", "ognen", "vasil", "jov",
)  # fmt: skip
BALKAN_SUFFIXES = (
    ("ovski", "овски"),
    ("evski", "евски"),
    ("ov", "ов"),
    ("ev", "ев"),
    ("ović", "овиќ"),
)
LATIN_PLAIN = {
    "š": ("š", "s", "sh"),
    "č": ("č", "c", "ch"),
    "ž": ("ž", "z", "zh"),
    "ć": ("ć", "c", "ch"),
}


def root_surname(rng: random.Random) -> Name:
    """Return an Arabic surname built from a random root: Latin variants, Arabic, no Cyrillic."""
    root = rng.sample(ROOT_CONSONANTS, 3)
    pattern = rng.choice(ROOT_PATTERNS)
    parts = [root[p - 1] if isinstance(p, int) else p for p in pattern]
    arabic = "".join(str(part[1]) for part in parts)  # type: ignore[index]
    spellings: list[str] = []
    for attempt in range(4):
        latin = "".join(
            part[0][0] if attempt == 0 else rng.choice(part[0])  # type: ignore[index]
            for part in parts
        )
        if latin.capitalize() not in spellings:
            spellings.append(latin.capitalize())
    if rng.random() < 0.15:
        spellings = [f"Al-{s}" for s in spellings]
        arabic = "ال" + arabic
    return (tuple(spellings), arabic, "", 1)


def balkan_surname(rng: random.Random) -> Name:
    """Return a Macedonian or Serbian surname from a root and a suffix, with Latin variants."""
    root = rng.choice(BALKAN_ROOTS) + rng.choice(("", "an", "in", "ul", "ak"))
    suffix, cyrillic_suffix = rng.choice(BALKAN_SUFFIXES)
    written = root + suffix
    cyrillic = to_cyrillic(written.replace("gj", "ѓ").replace("kj", "ќ"))
    spellings = [written.capitalize()]
    for _ in range(2):
        variant = "".join(rng.choice(LATIN_PLAIN[c]) if c in LATIN_PLAIN else c for c in written)
        if variant.capitalize() not in spellings:
            spellings.append(variant.capitalize())
    cyrillic = cyrillic[: -len(to_cyrillic(suffix))] + cyrillic_suffix.capitalize()
    return (tuple(spellings), "", cyrillic.capitalize(), 1)


ORIGINS = (
    # citizenship, weight, male names, female names, surnames
    ("SYR", 26, ARAB_MALE, ARAB_FEMALE, ARAB_SURNAMES),
    ("AFG", 22, AFGHAN_MALE, ARAB_FEMALE, ARAB_SURNAMES),
    ("IRQ", 10, ARAB_MALE, ARAB_FEMALE, ARAB_SURNAMES),
    ("PAK", 10, AFGHAN_MALE, ARAB_FEMALE, ARAB_SURNAMES),
    ("MAR", 7, ARAB_MALE, ARAB_FEMALE, ARAB_SURNAMES),
    ("MKD", 15, BALKAN_MALE, BALKAN_FEMALE, BALKAN_SURNAMES),
    ("SRB", 5, BALKAN_MALE, BALKAN_FEMALE, BALKAN_SURNAMES),
    ("ALB", 5, BALKAN_MALE, BALKAN_FEMALE, BALKAN_SURNAMES),
)
ORGANISATIONS = ("transit-centre", "border-police", "outreach-ngo", "shelter", "social-work")
NEIGHBOURS = {"SYR": "IRQ", "IRQ": "SYR", "AFG": "PAK", "PAK": "AFG", "MKD": "ALB", "ALB": "MKD"}
# Latin to Cyrillic as a Macedonian or Serbian officer writes a foreign name heard or read.
TO_CYRILLIC = (
    ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("zh", "ж"), ("dj", "џ"), ("gj", "ѓ"), ("kj", "ќ"),
    ("ou", "у"), ("ee", "и"), ("oo", "у"), ("th", "т"), ("ph", "ф"), ("q", "к"), ("x", "кс"),
    ("w", "в"), ("y", "ј"), ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"),
    ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"),
    ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"),
    ("u", "у"), ("v", "в"), ("z", "з"), ("č", "ч"), ("ć", "ќ"), ("š", "ш"), ("ž", "ж"),
    ("đ", "ѓ"), ("'", ""), ("-", " "),
)  # fmt: skip
SERBIAN_FROM_MACEDONIAN = {"ѓ": "ђ", "ќ": "ћ", "Ѓ": "Ђ", "Ќ": "Ћ", "ѕ": "з"}


@dataclass(frozen=True)
class Person:
    """The truth about one person: names as first written, birth date, sex, citizenship."""

    given: Name
    surname: Name
    birth: BirthDate
    sex: str
    citizenship: str


@dataclass(frozen=True)
class Record:
    """One registration of a person by one organisation."""

    person: int
    organisation: str
    identity: Identity
    true_name: str  # given name and surname in their first Latin spelling: the ground truth


def to_cyrillic(latin: str) -> str:
    """Return a Latin spelling written in Macedonian Cyrillic, letter by letter."""
    text, out = latin.lower(), []
    while text:
        for latin_part, cyrillic in TO_CYRILLIC:
            if text.startswith(latin_part):
                out.append(cyrillic)
                text = text[len(latin_part) :]
                break
        else:
            out.append(text[0])
            text = text[1:]
    return " ".join(word.capitalize() for word in "".join(out).split())


def _pick(rng: random.Random, names: tuple[Name, ...]) -> Name:
    return rng.choices(names, weights=[n[3] for n in names])[0]


def people(count: int, rng: random.Random) -> list[Person]:
    """Return `count` people; about half live in families that share a surname."""
    found: list[Person] = []
    while len(found) < count:
        code, _, male, female, surnames = rng.choices(ORIGINS, weights=[o[1] for o in ORIGINS])[0]
        surname = _pick(rng, surnames)
        if rng.random() < 0.6:  # most surnames are rare: one of thousands built from roots
            surname = root_surname(rng) if surnames is ARAB_SURNAMES else balkan_surname(rng)
        base_year = rng.randint(1960, 2012)
        birth = BirthDate(base_year, 1, 1)
        for member in range(rng.choice((1, 1, 1, 2, 3, 4, 5))):
            sex = rng.choice("mf")
            if not member or rng.random() > 0.1:  # one sibling in ten is a twin
                year = min(2024, max(1950, base_year + rng.randint(-8, 8)))
                birth = BirthDate(year, rng.randint(1, 12), rng.randint(1, 28))
            given = _pick(rng, male if sex == "m" else female)
            found.append(Person(given, surname, birth, sex, code))
    return found[:count]


def _typo(word: str, rng: random.Random) -> str:
    """Return the word with one letter dropped, doubled, changed or swapped with the next."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "double", "change", "swap"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    letters = "абвгдеиклмнопрстув" if not word.isascii() else "abdeiklmnorstuv"
    return word[:i] + rng.choice(letters) + word[i + 1 :]


def _spell(name: Name, script: str, rng: random.Random, serbian: bool) -> str:
    latin, arabic, cyrillic, _ = name
    if script == "arabic" and arabic:
        return arabic
    if script == "cyrillic":
        written = cyrillic if cyrillic and rng.random() < 0.6 else to_cyrillic(rng.choice(latin))
        if serbian:
            written = "".join(SERBIAN_FROM_MACEDONIAN.get(c, c) for c in written)
        return written
    return rng.choice(latin) if rng.random() < 0.7 else latin[0]


def _birth(true: BirthDate, rng: random.Random) -> BirthDate:
    assert true.year is not None and true.month is not None and true.day is not None
    roll = rng.random()
    if roll < 0.05:
        return BirthDate()
    if roll < 0.17:
        year = true.year + rng.choice((-2, -1, -1, 0, 0, 0, 1, 1, 2))
        # a third of estimated years are written down as the 1st of January, not as estimates
        return BirthDate(year, 1, 1) if rng.random() < 0.33 else BirthDate(year, estimated=True)
    if roll < 0.25 and true.day <= 12:
        return BirthDate(true.year, true.day, true.month)
    if roll < 0.29:
        return BirthDate(true.year, true.month, min(28, max(1, true.day + rng.choice((-1, 1)))))
    return true


def registration(person: Person, rng: random.Random) -> Identity:
    """Return one organisation's record of a person, corrupted as registrations are."""
    arabic_name = bool(person.given[1])
    roll = rng.random()
    if arabic_name:
        script = "arabic" if roll < 0.12 else "cyrillic" if roll < 0.4 else "latin"
    else:
        script = "cyrillic" if roll < 0.5 else "latin"
    serbian = person.citizenship == "SRB" or rng.random() < 0.15
    words = [
        _spell(person.given, script, rng, serbian),
        _spell(person.surname, script, rng, serbian),
    ]
    if rng.random() < 0.3:
        words.reverse()
    if rng.random() < 0.15 and script != "arabic":
        i = rng.randrange(len(words))
        words[i] = _typo(words[i], rng)
    if rng.random() < 0.3:
        words = [w.upper() for w in words]
    sex = person.sex if rng.random() < 0.98 else ""
    citizenship = person.citizenship
    if rng.random() < 0.05:
        citizenship = "" if rng.random() < 0.6 else NEIGHBOURS.get(citizenship, citizenship)
    return Identity(" ".join(words), _birth(person.birth, rng), sex, citizenship)


def records(count: int, seed: int) -> list[Record]:
    """Return about `count` registrations: each person registered 1 to 4 times."""
    rng = random.Random(seed)  # noqa: S311 (generated people, not secrets)
    found: list[Record] = []
    for number, person in enumerate(people(count, rng)):
        times = rng.choices((1, 2, 3, 4), weights=(50, 30, 14, 6))[0]
        for org in rng.sample(ORGANISATIONS, times):
            true_name = f"{person.given[0][0]} {person.surname[0][0]}"
            found.append(Record(number, org, registration(person, rng), true_name))
            if len(found) >= count:
                return found
    return found


def shuffled(items: list[Record], seed: int) -> Iterator[Record]:
    """Yield the records in a random order (registrations do not arrive person by person)."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)  # noqa: S311 (an order, not a secret)
    for i in order:
        yield items[i]
