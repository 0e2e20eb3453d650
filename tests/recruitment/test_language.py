from __future__ import annotations

import pytest

from stepstones.recruitment import LANGUAGES, detect_language

CASES = [
    ("en", "We are hiring warehouse workers for our site in Leeds, full time."),
    ("mk", "Бараме работници за магацин во Скопје, работно време од осум часа."),
    ("sq", "Kërkojmë punëtorë për magazinë në Tiranë, orar i plotë pune."),
    ("sr-Cyrl", "Тражимо раднике за магацин у Београду, пуно радно време."),
    ("sr-Latn", "Tražimo radnike za magacin u Beogradu, puno radno vreme."),
    ("sr-Latn", "Tražimo radnike za skladište u Zagrebu, puno radno vrijeme."),
    ("bg", "Търсим работници за склад в София, пълно работно време."),
    ("el", "Ζητούνται εργάτες για αποθήκη στη Θεσσαλονίκη, πλήρης απασχόληση."),
    ("tr", "İstanbul'daki depomuz için tam zamanlı işçi arıyoruz."),
    ("ar", "نبحث عن عمال للعمل في مستودع في برلين بدوام كامل."),
    ("fa", "به کارگر برای کار در انبار در برلین با حقوق خوب نیاز داریم."),
    ("und", "+389 70 123 456 !!! 2000 €"),
]


@pytest.mark.parametrize(
    ("code", "text"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)]
)
def test_it_detects_the_languages_of_the_region_and_the_route(code: str, text: str) -> None:
    assert detect_language(text) == code
    assert code == "und" or code in LANGUAGES
