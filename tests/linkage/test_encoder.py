"""The keyed Bloom-filter encoder: properties that hold for every identity (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepstones.linkage import (
    BirthDate,
    Encoder,
    Identity,
    birth_date,
    dice,
    fingerprint,
    identities,
    xor_fold,
)
from stepstones.linkage.encoder import FILTER_BITS, STORED_BYTES, field_tokens
from stepstones.linkage.names import name_keys

SECRET = b"test-network-secret-0123456789"
ENCODER = Encoder(SECRET)

letters = st.sampled_from(list("abcdefghijklmnoprstuvzčšžđ") + list("абвгдеѓжзијклмнопрстќуфхцчшџ"))
words = st.text(alphabet=letters, min_size=2, max_size=10)
names = st.lists(words, min_size=1, max_size=3).map(" ".join)
dates = st.builds(
    BirthDate,
    year=st.none() | st.integers(1940, 2024),
    month=st.none() | st.integers(1, 12),
    day=st.none() | st.integers(1, 28),
    estimated=st.booleans(),
)
identity_strategy = st.builds(
    Identity, name=names, birth=dates, sex=st.sampled_from(["", "m", "f"]),
    citizenship=st.sampled_from(["", "SYR", "AFG", "MKD"]),
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(identity_strategy)
def test_it_encodes_the_same_identity_the_same_way(identity: Identity) -> None:
    first = ENCODER.encode(identity)
    assert first == Encoder(SECRET).encode(identity)
    assert len(first.bits) == STORED_BYTES == FILTER_BITS // 16


@settings(max_examples=60, deadline=None)
@given(identity_strategy)
def test_word_order_changes_nothing(identity: Identity) -> None:
    reversed_name = " ".join(reversed(identity.name.split()))
    other = Identity(reversed_name, identity.birth, identity.sex, identity.citizenship)
    assert ENCODER.encode(identity) == ENCODER.encode(other)


@settings(max_examples=60, deadline=None)
@given(identity_strategy)
def test_another_secret_gives_unrelated_bits_and_keys(identity: Identity) -> None:
    mine, theirs = ENCODER.encode(identity), Encoder(b"another-network-secret-000").encode(identity)
    assert not mine.blocks & theirs.blocks
    if int.from_bytes(mine.bits, "big").bit_count() > 20:
        assert dice(mine.bits, theirs.bits) < 0.6


@settings(max_examples=60, deadline=None)
@given(identity_strategy, identity_strategy)
def test_dice_is_a_symmetric_similarity(a: Identity, b: Identity) -> None:
    x, y = ENCODER.encode(a).bits, ENCODER.encode(b).bits
    assert 0.0 <= dice(x, y) == dice(y, x) <= 1.0
    assert dice(x, x) == (1.0 if any(x) else 0.0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**FILTER_BITS - 1))
def test_xor_folding_halves_the_filter_and_keeps_parity(bits: int) -> None:
    folded = xor_fold(bits)
    assert folded < 2 ** (FILTER_BITS // 2)
    assert folded.bit_count() % 2 == bits.bit_count() % 2


@settings(max_examples=40, deadline=None)
@given(identity_strategy)
def test_the_probe_masks_cover_only_bits_of_the_filter(identity: Identity) -> None:
    probe = ENCODER.probe(identity)
    stored = int.from_bytes(probe.encoding.bits, "big")
    unfolded = ENCODER.filter(field_tokens(name_keys(identity.name), identity))
    half = FILTER_BITS // 2
    cancelled = (unfolded >> half) & unfolded  # set twice, so cleared by the XOR fold
    for mask in (probe.name_mask, probe.core_mask, probe.year_mask, probe.date_mask):
        assert int.from_bytes(mask, "big") & ~stored & ~cancelled == 0


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        Encoder(b"short")


def test_a_fingerprint_names_a_secret_without_revealing_it() -> None:
    assert fingerprint(SECRET) == fingerprint(SECRET) != fingerprint(b"x" * 32)
    assert SECRET.hex() not in fingerprint(SECRET)


def test_the_same_bigram_sets_different_bits_in_different_fields() -> None:
    name = ENCODER.filter({"name": {"al"}})
    skeleton = ENCODER.filter({"skel": {"al"}})
    assert name and skeleton and name != skeleton


def test_blocking_keys_do_not_depend_on_script_or_order() -> None:
    a = ENCODER.encode(Identity("Мухамед Ахмади", BirthDate(1990, 3, 4)))
    b = ENCODER.encode(Identity("Ahmadi Mohammed", BirthDate(1990, 4, 3)))
    assert a.blocks == b.blocks
    assert all(len(key) == 16 for key in a.blocks)


def test_a_vault_record_gives_one_identity_per_name() -> None:
    record = {
        "names": [
            {"script": "cyrillic", "value": "Мухамед Ахмади"},
            {"script": "latin", "value": "Mohammad Ahmadi"},
            {"script": "latin", "value": "Mohammad Ahmadi"},
        ],
        "birthdate": "1994-03-04",
    }
    found = identities(record, gender="Masculine", citizenship=["SY"])
    assert [i.name for i in found] == ["Мухамед Ахмади", "Mohammad Ahmadi"]
    assert found[0].birth == BirthDate(1994, 3, 4)
    assert (found[0].sex, found[0].citizenship) == ("m", "SY")
    assert identities({"names": [], "birthdate": ""}) == []
    assert birth_date("not a date") == BirthDate()
