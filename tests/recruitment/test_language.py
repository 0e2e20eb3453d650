from __future__ import annotations

import pytest

from stepstones.recruitment import LANGUAGES, detect_language
from stepstones.recruitment.language import direction

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
    ("ar", "مطلوب عمال لمصنع في تركيا، الراتب ١٥٠٠ دولار، السكن مجاني"),
    ("ar", "shoghl fi almania, ratib 2000 euro, ib3at sorit el jawaz 3ala el whatsapp yalla"),
    ("fa", "برای کار در مزرعه در ایتالیا کارگر نیاز داریم، حقوق ماهانه ۲۰۰۰ یورو"),
    ("fa", "کار در ترکیه، معاش خوب، تذکره و پاسپورت خود را روان کنید"),
    ("ps", "په ترکیه کې د کار لپاره کارګر پکار دي، معاش ۱۵۰۰ ډالر"),
    ("ps", "د درملتون لپاره پلورونکی پکار دی، د کار وخت له اتو تر څلورو بجو."),
    ("ur", "سربیا میں فیکٹری کے لیے مزدور چاہییں۔ تنخواہ 1200 یورو، رہائش مفت ہے۔"),
    ("ur", "Serbia mein factory ke liye workers chahiye, tankhwah 1200 euro, rehna free hai"),
    ("tr", "Almanya'da otel işi, maaş 2000 euro, konaklama ücretsiz, hemen başlangıç."),
    ("fr", "Offre d'emploi en Allemagne dans un salon de coiffure, logement gratuit."),
]


@pytest.mark.parametrize(
    ("code", "text"), CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CASES)]
)
def test_it_detects_the_languages_of_the_region_and_the_route(code: str, text: str) -> None:
    assert detect_language(text) == code
    assert code == "und" or code in LANGUAGES


@pytest.mark.parametrize(("code", "expected"), [("ar", "rtl"), ("fa", "rtl"), ("ps", "rtl"),
                                                ("ur", "rtl"), ("tr", "ltr"), ("fr", "ltr"),
                                                ("mk", "ltr"), ("und", "ltr")])  # fmt: skip
def test_it_writes_arabic_dari_pashto_and_urdu_right_to_left(code: str, expected: str) -> None:
    assert direction(code) == expected
