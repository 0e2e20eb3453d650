"""Every English text of the notes assistant reaches translators."""

from __future__ import annotations

from stepstones.notes.model import REASON_MESSAGES, TARGET_LABELS
from stepstones.suggest.msgids import MSGIDS


def test_every_label_and_reason_is_listed_for_translators() -> None:
    wanted = set(TARGET_LABELS.values()) | set(REASON_MESSAGES.values())
    assert wanted == set(MSGIDS), "update src/stepstones/suggest/msgids.py"
