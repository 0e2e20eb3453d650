"""A case summary that seems to identify the person is flagged; ordinary summaries are not."""

from __future__ import annotations

import pytest

from stepstones.cases.identifying import identifying_details

MUST_WARN = [
    ("Ahmad said he paid 3000 EUR to a smuggler in Kabul.", "name", "Ahmad"),
    ("He travelled with Karimi from Herat.", "name", "Karimi"),
    ("She came with her brother Yusuf.", "name", "Yusuf"),
    ("The man called Bashir took the documents.", "name", "Bashir"),
    ("Марко го однел пасошот.", "name", "Марко"),
    ("Дојде со Олена од Киев.", "name", "Олена"),
    ("قال أحمد إنه دفع المال", "name", "أحمد"),
    ("Call +389 70 123 456 after six.", "phone", "+389 70 123 456"),
    ("His number is 070 123 456.", "phone", "070 123 456"),
    ("Tel 0038970123456", "phone", "0038970123456"),
    ("Write to ahmad.k@example.org for news.", "email", "ahmad.k@example.org"),
    ("Passport P1234567 is kept by the employer.", "document", "P1234567"),
    ("ID card AB123456 seen.", "document", "AB123456"),
    ("passport no. 12345678 taken by the driver", "document", "12345678"),
    ("Лична карта број 1234567 кај газдата.", "document", "1234567"),
]

MUST_NOT_WARN = [
    "Met at the transit centre in Tabanovce; job promised in a restaurant.",
    "Crossed from Greece on 2026-11-27, worked 12 hours a day.",
    "Referred by the Centre for Social Work Lakeside and IOM.",
    "Held by smugglers in Belgrade for 3 weeks, paid 5,000 euros.",
    "Worked on a farm near Kumanovo from March to June 2026.",
    "He speaks Pashto and Dari; from Afghanistan via Iran and Türkiye.",
    "The employer kept the documents. The Police were not told.",
    "Recruited on Facebook, paid through Western Union.",
    "Се сретнавме во Скопје, работела во ресторан.",
    "Paid 1500 euros in 2025-2026 for the journey.",
    "",
]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    MUST_WARN,
    ids=[f"{k}-{i}" for i, (_t, k, _f) in enumerate(MUST_WARN)],
)
def test_it_warns_about_identifying_details(text: str, kind: str, found: str) -> None:
    findings = [(f.kind.value, f.text) for f in identifying_details(text)]
    assert (kind, found) in findings


@pytest.mark.parametrize("text", MUST_NOT_WARN, ids=range(len(MUST_NOT_WARN)))
def test_it_leaves_ordinary_summaries_alone(text: str) -> None:
    assert identifying_details(text) == []
