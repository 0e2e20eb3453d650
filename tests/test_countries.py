"""Country names as workers type them: every interface language, exonyms, codes, any case."""

from __future__ import annotations

import pytest

from stepstones.countries import (
    LANGUAGES,
    all_countries,
    country_code,
    country_name,
    fold,
    read_countries,
    similar_countries,
)

TYPED = [
    ("Turkey", "TR"),
    ("Türkiye", "TR"),
    ("turkiye", "TR"),
    ("Турција", "TR"),
    ("Турска", "TR"),
    ("Turqia", "TR"),
    ("TURQI", "TR"),
    ("Afghanistan", "AF"),
    ("Авганистан", "AF"),
    ("Afganistan", "AF"),
    ("afghanistan ", "AF"),
    ("Syria", "SY"),
    ("Сирија", "SY"),
    ("Syrian Arab Republic", "SY"),
    ("Iraq", "IQ"),
    ("Irak", "IQ"),
    ("Iran", "IR"),
    ("Pakistan", "PK"),
    ("Bangladesh", "BD"),
    ("India", "IN"),
    ("Nepal", "NP"),
    ("Morocco", "MA"),
    ("Maroku", "MA"),
    ("Algeria", "DZ"),
    ("Алжир", "DZ"),
    ("Tunisia", "TN"),
    ("Egypt", "EG"),
    ("Египат", "EG"),
    ("Libya", "LY"),
    ("Somalia", "SO"),
    ("Eritrea", "ER"),
    ("Ethiopia", "ET"),
    ("Sudan", "SD"),
    ("Greece", "GR"),
    ("Грција", "GR"),
    ("Greqia", "GR"),
    ("Ελλάδα", "GR"),
    ("Bulgaria", "BG"),
    ("Бугарија", "BG"),
    ("North Macedonia", "MK"),
    ("Macedonia", "MK"),
    ("Македонија", "MK"),
    ("Maqedonia e Veriut", "MK"),
    ("Severna Makedonija", "MK"),
    ("Serbia", "RS"),
    ("Србија", "RS"),
    ("Srbija", "RS"),
    ("Kosovo", "XK"),
    ("Kosovë", "XK"),
    ("Kosove", "XK"),
    ("Albania", "AL"),
    ("Shqipëria", "AL"),
    ("Montenegro", "ME"),
    ("Црна Гора", "ME"),
    ("Mali i Zi", "ME"),
    ("Bosnia", "BA"),
    ("Croatia", "HR"),
    ("Hrvatska", "HR"),
    ("Hungary", "HU"),
    ("Мађарска", "HU"),
    ("Slovenia", "SI"),
    ("Austria", "AT"),
    ("Germany", "DE"),
    ("Германија", "DE"),
    ("Немачка", "DE"),
    ("Gjermania", "DE"),
    ("Deutschland", "DE"),
    ("Italy", "IT"),
    ("France", "FR"),
    ("the Netherlands", "NL"),
    ("United Kingdom", "GB"),
    ("UK", "GB"),
    ("Côte d'Ivoire", "CI"),
    ("Cote d Ivoire", "CI"),
    ("DR Congo", "CD"),
    ("mk", "MK"),
    ("MK", "MK"),
    ("AFG", "AF"),
    ("tur", "TR"),
]


@pytest.mark.parametrize(("typed", "code"), TYPED, ids=[t for t, _c in TYPED])
def test_it_reads_the_names_workers_type(typed: str, code: str) -> None:
    assert country_code(typed) == code


@pytest.mark.parametrize("typed", ["Narnia", "", "   ", "Europe", "X"], ids=repr)
def test_it_knows_no_country_for_other_words(typed: str) -> None:
    assert country_code(typed) is None


def test_every_code_reads_back_from_its_name_in_every_language() -> None:
    for code, country in all_countries().items():
        assert country_code(code) == code
        for lang in LANGUAGES:
            name = country.name(lang)
            assert country_code(name) == code, (code, lang, name)


def test_no_two_countries_share_a_name() -> None:
    claims: dict[str, set[str]] = {}
    for country in all_countries().values():
        for name in (country.code, country.alpha3, *country.names.values(), *country.aliases):
            claims.setdefault(fold(name), set()).add(country.code)
    assert {k: v for k, v in claims.items() if len(v) > 1} == {}


def test_it_covers_every_assigned_code() -> None:
    assert len(all_countries()) >= 249
    for code in ("AF", "SY", "TR", "GR", "MK", "RS", "XK", "DE", "ZW"):
        assert code in all_countries()


def test_no_name_holds_a_list_separator() -> None:
    for country in all_countries().values():
        for name in (*country.names.values(), *country.aliases):
            assert read_countries(name) == ([country.code], []), name


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Türkiye"),
        ("mk", "Турција"),
        ("sq", "Turqia"),
        ("sr", "Турска"),
        ("sr-latn", "Turska"),
        ("de", "Türkiye"),
    ],
)
def test_it_names_a_country_in_the_interface_language(language: str, name: str) -> None:
    assert country_name("TR", language) == name


def test_it_shows_an_unknown_code_as_it_is() -> None:
    assert country_name("ZZ", "en") == "ZZ"


def test_it_reads_a_route_in_any_separators_and_keeps_what_it_does_not_know() -> None:
    codes, unknown = read_countries("Turkey, Грција; N. Macedonia → Srbija / Narnia")
    assert codes == ["TR", "GR", "MK", "RS"]
    assert unknown == ["Narnia"]
    assert read_countries("") == ([], [])
    assert read_countries("Turkey, TR, Greece") == (["TR", "GR"], [])


def test_it_suggests_the_country_a_typo_was_meant_to_be() -> None:
    assert similar_countries("Tunrkey", "en") == ["Türkiye"]
    assert "Грција" in similar_countries("Grece", "mk")
    assert similar_countries("Narnia", "en") == []
