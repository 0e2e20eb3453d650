"""Notes per second for 1,500-character interview notes on one core (target at least 50).

The notes are built from a fixed mix of sentences (signs, negations, hypotheticals, neutral
text) with a seeded random order, so every run reads the same text.
"""

from __future__ import annotations

import random

from _common import pin_to_one_core, rate, report  # type: ignore[import-not-found]  # a script

from stepstones.notes import load_lexicon, suggest

SENTENCES = [
    "She met a man in Kumanovo who offered her a job as a waitress in a bar abroad.",
    "He promised good wages and said he would arrange her travel and visa.",
    "They drove her across the border at night with three other women.",
    "On arrival the owner took her passport and said she owed him 3,000 euros for the trip.",
    "She was locked in a flat above the bar and could not leave alone.",
    "She was not beaten, but he threatened to hurt her family if she went to the police.",
    "She worked every night from 8 pm to 5 am without pay.",
    "Customers paid the owner directly for sex.",
    "She denied being forced to do anything at first.",
    "If she tried to escape, he said he would find her.",
    "She is 17 and does not speak the language.",
    "We met at the centre on Tuesday and talked for an hour.",
    "She has a cousin in Skopje and would like to study nursing.",
    "There was no sign of injuries.",
    "Was she ever paid for her work?",
]


def make_notes(count: int, length: int = 1500, seed: int = 7) -> list[str]:
    """Return `count` notes of about `length` characters each."""
    rng = random.Random(seed)
    notes = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(rng.choice(SENTENCES))
        notes.append(" ".join(parts)[:length])
    return notes


def main() -> None:
    pin_to_one_core()
    load_lexicon("en")  # load once, as a running server would
    notes = make_notes(200)

    def work() -> int:
        for text in notes:
            suggest(text)
        return len(notes)

    report("notes suggest (1,500-char notes, one core)", rate(work), "notes/s", ">= 50")

    # The longest notes the API and CLI accept, made of one cue repeated in one long sentence:
    # the case that once took a minute (quadratic look-backs).
    worst = "she was not forced to work, he promised her a job and " * 900
    worst = worst[:50_000]
    report(
        "worst case: 50,000-char repetitive notes",
        rate(lambda: (suggest(worst), 1)[1], min_seconds=1.0),
        "notes/s",
        "> 0.2",
    )


if __name__ == "__main__":
    main()
