"""Evaluate the notes assistant on hand-written frontline notes (`make eval-notes`).

The notes in `tests/data/notes/frontline_*.yaml` are fictional, written by the team in the
registers workers use (shorthand, reported speech, to-do lines, negations), and labelled with the
Palermo elements and the child flag each note shows, each set by a different writer who had not
seen the lexicon. Sets A, C, E and F were read for errors while the lexicon was improved; sets B
and D are only scored, never read for errors, so they are the honest figures for notes like these.

Scoring is `eval_notes.py`'s: our ids are grouped as UNODC groups them (threat, use of force and
other coercion are one "coercion"; abuse of power and of vulnerability one label), and every note
counts, so a suggestion on a note that shows nothing is a false positive.

    python eval/eval_frontline.py [--min-confidence 0.5] [--errors a|c|e|f]
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT  # type: ignore[import-not-found]  # run as a script, beside it
from eval_notes import GROUPS, PREDICTED, Case, errors, table  # type: ignore[import-not-found]

from stepstones.notes import DEFAULT_MIN_CONFIDENCE

SETS = {
    "a": "frontline_a.yaml",
    "b": "frontline_b.yaml",
    "c": "frontline_c.yaml",
    "d": "frontline_d.yaml",
    "e": "frontline_e.yaml",
    "f": "frontline_f.yaml",
}
READ = ("a", "c", "e", "f")  # the sets whose errors may be read
FOLDER = ROOT / "tests" / "data" / "notes"


def load(path: Path) -> list[Case]:
    """Return the notes of one file as cases; stop with a message naming a bad entry."""
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    notes = raw.get("notes") if isinstance(raw, dict) else None
    if not isinstance(notes, list) or not notes:
        raise SystemExit(f"eval-frontline: {path.name} has no list of notes")
    cases = []
    for number, note in enumerate(notes, start=1):
        where = f"{path.name}, note {number}"
        if not isinstance(note, dict) or not isinstance(note.get("text"), str):
            raise SystemExit(f"eval-frontline: {where} needs a text")
        gold: dict[str, set[str]] = {group: set() for group in GROUPS}
        for fact in note.get("shows") or []:
            if fact not in PREDICTED:
                raise SystemExit(f"eval-frontline: {where} shows an unknown fact {fact!r}")
            group, label = PREDICTED[fact]
            gold[group].add(label)
        frozen: dict[str, frozenset[str] | None] = {g: frozenset(v) for g, v in gold.items()}
        cases.append(Case(number, note["text"], frozen))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    parser.add_argument("--errors", choices=READ, default=None, help="sets B and D are not read")
    args = parser.parse_args()
    present = {name: FOLDER / file for name, file in SETS.items() if (FOLDER / file).exists()}
    if args.errors:
        errors(load(present[args.errors]), args.min_confidence, name="note")
        return
    print(
        "eval-frontline: hand-written frontline notes, suggestions at confidence >= "
        f"{args.min_confidence}; baseline = same lexicon, no context handling, any match"
    )
    for name, path in present.items():
        kind = "errors read while improving the lexicon" if name in READ else "scored only"
        table(f"set {name.upper()} ({kind})", load(path), args.min_confidence)
    read = [case for name in READ if name in present for case in load(present[name])]
    scored = [case for name, p in present.items() if name not in READ for case in load(p)]
    if read and scored:
        table("sets read (" + " + ".join(n.upper() for n in READ) + ")", read, args.min_confidence)
        table("sets scored only", scored, args.min_confidence)


if __name__ == "__main__":
    main()
