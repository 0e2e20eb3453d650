"""Near-duplicate matching: same template with new phones, names and amounts still matches."""

from __future__ import annotations

from stepstones.recruitment import (
    MemoryIndex,
    Offer,
    ReportedMatch,
    Signature,
    check_offer,
    signature,
    similarity,
)
from stepstones.recruitment.similar import pack, unpack

TEMPLATE = (
    "We are looking for hard working people for a fruit farm in the south. The work is picking "
    "and packing, eight hours a day, six days a week. Accommodation is shared and close to the "
    "fields. Salary {pay} euro per month, paid every month in cash. Call {name} on {phone} for "
    "details, places are limited and the bus leaves soon."
)
OTHER = (
    "The municipality invites applications for a librarian with a university degree and three "
    "years of experience in a public library. Send the application to the archive office before "
    "the end of the month. The contract is for one year with the possibility of extension."
)


def test_it_matches_the_same_template_with_other_phones_names_and_amounts() -> None:
    a = signature(TEMPLATE.format(pay="1200", name="Marko", phone="+389 70 111 222"))
    b = signature(TEMPLATE.format(pay="2500", name="Ana", phone="071 999 888"))
    assert similarity(a.values, b.values) == 1.0
    assert set(a.bands) & set(b.bands)


def test_it_does_not_match_a_different_offer() -> None:
    a = signature(TEMPLATE.format(pay="1200", name="Marko", phone="+389 70 111 222"))
    b = signature(OTHER)
    assert similarity(a.values, b.values) < 0.2
    assert not set(a.bands) & set(b.bands)


def test_it_still_matches_when_a_sentence_is_changed() -> None:
    base = TEMPLATE.format(pay="1200", name="Marko", phone="070 111 222")
    edited = base.replace("eight hours a day", "nine hours every day")
    assert similarity(signature(base).values, signature(edited).values) >= 0.6


def test_signatures_are_stable_and_survive_storage() -> None:
    sig = signature(OTHER)
    assert signature(OTHER) == sig
    assert unpack(pack(sig.values)) == sig.values
    assert all(-(2**63) <= key < 2**63 for key in sig.bands)


def test_the_memory_index_finds_the_reported_template_among_many() -> None:
    index = MemoryIndex()
    for i in range(500):
        index.add(signature(f"{OTHER} Position number {i} in department {i * 7}. " * 2 + str(i)))
    target = index.add(signature(TEMPLATE.format(pay="1", name="X", phone="070 000 000")))
    found = index.query(signature(TEMPLATE.format(pay="9", name="Y", phone="071 123 123")))
    assert found[0] == (target, 1.0)


def test_a_near_duplicate_of_a_reported_offer_gets_a_high_flag_naming_date_and_kind() -> None:
    reported = signature(TEMPLATE.format(pay="1200", name="Marko", phone="070 111 222"))

    def find(sig: Signature) -> list[ReportedMatch]:
        return [
            ReportedMatch("2026-11-01", "non-governmental", similarity(sig.values, reported.values))
        ]

    check = check_offer(
        Offer(TEMPLATE.format(pay="3000", name="Ivana", phone="075 555 444")), find_reported=find
    )
    flag = check.flags[0]
    assert flag.id == "reported_duplicate"
    assert flag.severity.value == "high"
    assert check.level.value == "high"
    assert "2026-11-01" in flag.explanation.english()
    assert "non-governmental" in flag.explanation.english()


def test_a_weak_resemblance_to_a_reported_offer_is_not_a_flag() -> None:
    def find(sig: Signature) -> list[ReportedMatch]:
        return [ReportedMatch("2026-11-01", "governmental", 0.3)]

    check = check_offer(Offer(OTHER), find_reported=find)
    assert "reported_duplicate" not in {f.id for f in check.flags}
