"""Privacy-preserving record linkage (pure: no Django): the same person across organisations.

Names in any script become canonical keys (`name_keys`), identities become keyed Bloom-filter
encodings (`Encoder`), and an `Index` of encodings finds the records that may be the same person,
through blocking keys and a Dice score, without any plaintext stored for matching.
"""

from __future__ import annotations

from stepstones.linkage.dates import BirthDate, date_tokens, swapped
from stepstones.linkage.encoder import Encoder, Encoding, Identity, Probe, fingerprint, xor_fold
from stepstones.linkage.match import FEATURES, THRESHOLD, Candidate, Index, Probes, dice, pairs_of
from stepstones.linkage.names import NameKeys, WordKeys, block_codes, name_keys, word_keys
from stepstones.linkage.scripts import fold, latin_readings, script_of, skeleton
from stepstones.linkage.vault import birth_date, identities

__all__ = [
    "FEATURES",
    "THRESHOLD",
    "BirthDate",
    "Candidate",
    "Encoder",
    "Encoding",
    "Identity",
    "Index",
    "NameKeys",
    "Probe",
    "Probes",
    "WordKeys",
    "birth_date",
    "block_codes",
    "date_tokens",
    "dice",
    "fingerprint",
    "fold",
    "identities",
    "latin_readings",
    "name_keys",
    "pairs_of",
    "script_of",
    "skeleton",
    "swapped",
    "word_keys",
    "xor_fold",
]
