"""Folding, offsets back to the original text, input validation and invariants over any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.recruitment import (
    MAX_OFFER_BYTES,
    MAX_OFFER_CHARS,
    Offer,
    OfferError,
    Signature,
    check_offer,
    fold,
)
from stepstones.recruitment.text import fold_with_offsets


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Смештај обезбеђен", "smestaj obezbedjen"),
        ("Smeštaj obezbeđen", "smestaj obezbedjen"),
        ("smestaj obezbedjen", "smestaj obezbedjen"),
        ("Ѓорѓи ќе ѕвони", "gjorgji kje dzvoni"),
        ("Љубав, Њива, Џеп", "ljubav, njiva, dzep"),
        ("Pagë e lartë, çdo javë", "page e larte, cdo jave"),
        ("ＷｈａｔｓＡｐｐ", "whatsapp"),
        ("STRASSE ß", "strasse ss"),
        ("أرسل إقامتك آخر", "ارسل اقامتك اخر"),
        ("ـجـوازـ", "جواز"),
        ("جَوَازُ السَّفَرِ", "جواز السفر"),
        ("پاسپورت کی ہے", "پاسپورت كي هي"),
        ("مدرسة ولېږئ", "مدرسه وليږي"),
        ("می\u200cفرستیم", "ميفرستيم"),
        ("١٥٠٠ دولار و ۲۰۰۰ یورو", "1500 دولار و 2000 يورو"),
        ("؟ ؛ ۔ ٫", "? ; . ."),
        ("İŞ Başvurusu ÜCRETSİZ", "is basvurusu ucretsiz"),
        ("Envoyez une copie du passeport", "envoyez une copie du passeport"),
    ],
    ids=[
        "sr-cyrl",
        "sr-latn",
        "sr-ascii",
        "mk-letters",
        "digraphs",
        "sq",
        "fullwidth",
        "sharp-s",
        "alef-hamza",
        "tatweel",
        "harakat",
        "urdu-yeh-kaf-heh",
        "teh-marbuta-pashto-yeh",
        "zwnj",
        "eastern-digits",
        "arabic-punctuation",
        "turkish-dotted-i",
        "french",
    ],  # fmt: skip
)
def test_it_folds_scripts_accents_and_case_alike(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(max_size=200))
def test_every_folded_span_maps_back_inside_the_original(text: str) -> None:
    f = fold_with_offsets(text)
    for start in range(len(f.text)):
        o_start, o_end = f.to_original(start, start + 1)
        assert 0 <= o_start < o_end <= len(text)
        assert fold(text[o_start:o_end]).find(f.text[start]) >= 0


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"\xff\xfe\xfa not utf-8", "encoding"),
        ("x" * (MAX_OFFER_CHARS + 1), "too_long"),
        (b"x" * (MAX_OFFER_BYTES + 1), "too_long"),
        ("\x01\x02\x03\x04 control", "binary"),
    ],
    ids=["empty", "blank", "nul-bytes", "not-utf8", "too-long", "too-many-bytes", "control-chars"],
)
def test_it_refuses_input_that_is_not_an_offer(raw: str | bytes, code: str) -> None:
    from stepstones.recruitment import validate_text

    with pytest.raises(OfferError) as caught:
        validate_text(raw)
    assert caught.value.code == code
    assert caught.value.message.english()


def test_it_names_the_length_and_the_limit_when_an_offer_is_too_long() -> None:
    # Characters, not bytes: 20,001 two-byte letters are 20,001 characters.
    with pytest.raises(OfferError, match=r"20,001 characters long; the limit is 20,000 characters"):
        check_offer(Offer("é" * 20_001))


def test_it_counts_the_characters_of_an_over_long_file() -> None:
    from stepstones.recruitment import validate_text

    # 120,000 bytes: more than any offer within the limit takes; the message still counts them.
    with pytest.raises(OfferError, match=r"is 60,000 characters long"):
        validate_text(("é" * 60_000).encode())


def test_it_accepts_an_offer_of_exactly_the_limit() -> None:
    assert check_offer(Offer("a " * (MAX_OFFER_CHARS // 2))).level.value in {"low", "medium"}


def test_it_checks_one_token_of_the_full_length_with_its_near_duplicate_signature() -> None:
    # The signature's pattern was quadratic in one token's length (11 s at 20,000 characters):
    # the check the page and the API run (signature included) now reads it as any other offer.
    looked_up: list[Signature] = []

    def find_reported(sig: Signature) -> tuple[()]:
        looked_up.append(sig)
        return ()

    result = check_offer(Offer("a" * MAX_OFFER_CHARS), find_reported=find_reported)
    assert result.level.value == "low" and len(looked_up) == 1


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=400).filter(lambda t: t.strip() and "\x00" not in t))
def test_any_text_gives_a_level_and_spans_that_point_into_it(text: str) -> None:
    try:
        check = check_offer(Offer(text))
    except OfferError:
        return  # e.g. mostly control characters: refused with a message, never a crash
    for flag in check.flags:
        for span in flag.spans:
            assert text[span.start : span.end] == span.text
