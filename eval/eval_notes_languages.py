"""Evaluate the notes assistant in Macedonian, Serbian and Albanian (`make eval-notes`, issue 20).

The development notes in `eval/data/notes/<language>.yaml` were written by the team as workers
type them (see each file's header), each with a fold 1-5. The lexicon of a language was written
looking at folds 1-3 only; folds 4-5 were only scored, so they are the figure for notes the
lexicon never saw. Scoring is `eval_notes.py`'s (ids grouped as UNODC groups them; every note
counts, so a suggestion on a note that shows nothing is a false positive).

    python eval/eval_notes_languages.py [--language mk] [--errors 1,2,3] [--rules] [--auto]

`--auto` lets the assistant detect the language instead of being told. `--rules` prints, per
rule, how often its match stood in a note whose gold holds the element it suggests (right) and
how often not (wrong): the evidence for dropping or reweighting a rule, read on folds 1-3 only.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT  # type: ignore[import-not-found]  # run as a script, beside it
from eval_notes import GROUPS, PREDICTED, Case, Counts, score  # type: ignore[import-not-found]

from stepstones.notes import DEFAULT_MIN_CONFIDENCE, suggest

FOLDER = ROOT / "eval" / "data" / "notes"
LANGUAGES = ("mk", "sr", "sq")
WRITTEN_ON = (1, 2, 3)  # the folds the lexicon was written looking at
SCORED_ONLY = (4, 5)


def load(path: Path) -> list[tuple[int, Case]]:
    """Return (fold, case) for each note of one file; stop with a message on a bad entry."""
    raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    notes = raw.get("notes") if isinstance(raw, dict) else None
    if not isinstance(notes, list) or not notes:
        raise SystemExit(f"eval-notes-languages: {path.name} has no list of notes")
    cases = []
    for number, note in enumerate(notes, start=1):
        where = f"{path.name}, note {number}"
        if not isinstance(note, dict) or not isinstance(note.get("text"), str):
            raise SystemExit(f"eval-notes-languages: {where} needs a text")
        fold = note.get("fold")
        if fold not in (1, 2, 3, 4, 5):
            raise SystemExit(f"eval-notes-languages: {where} needs a fold 1-5")
        gold: dict[str, set[str]] = {group: set() for group in GROUPS}
        for fact in note.get("shows") or []:
            if fact not in PREDICTED:
                raise SystemExit(f"eval-notes-languages: {where} shows an unknown fact {fact!r}")
            group, label = PREDICTED[fact]
            gold[group].add(label)
        frozen: dict[str, frozenset[str] | None] = {g: frozenset(v) for g, v in gold.items()}
        cases.append((fold, Case(number, note["text"], frozen)))
    return cases


def predictor(
    language: str, *, baseline: bool = False, min_confidence: float
) -> Callable[[Case], dict[str, set[str]]]:
    """Return a function reading a case in `language` (the keyword baseline when asked)."""

    def predict(case: Case) -> dict[str, set[str]]:
        found = suggest(
            case.text,
            language,
            min_confidence=0.0 if baseline else min_confidence,
            use_context=not baseline,
        )
        labels: dict[str, set[str]] = {group: set() for group in GROUPS}
        for fact in found.facts:
            if fact in PREDICTED:
                group, label = PREDICTED[fact]
                labels[group].add(label)
        return labels

    return predict


def _cell(counts: Counts) -> str:
    return f"{counts.f1:.3f} ({counts.precision:.2f}/{counts.recall:.2f})"


def fold_table(language: str, cases: list[tuple[int, Case]], told: str, minimum: float) -> None:
    """Print micro-F1 (precision/recall) per group for folds 1-3, 4-5 and all, and baseline."""
    print(f"\n### {language}: micro-F1 (P/R) per group, language {told!r}\n")
    print("| folds | notes | acts | means | purposes | minors | all elements P |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    rows = [
        ("1-3 (written on)", WRITTEN_ON, False),
        ("**4-5 (scored only)**", SCORED_ONLY, False),
        ("all", (1, 2, 3, 4, 5), False),
        ("4-5 keyword baseline", SCORED_ONLY, True),
    ]
    for name, folds, baseline in rows:
        chosen = [case for fold, case in cases if fold in folds]
        counts = score(chosen, predictor(told, baseline=baseline, min_confidence=minimum))
        total = Counts()
        for group in GROUPS:
            total.add(counts[(group, "micro")])
        cells = " | ".join(_cell(counts[(group, "micro")]) for group in GROUPS)
        print(f"| {name} | {len(chosen)} | {cells} | {total.precision:.2f} |")


def element_table(language: str, cases: list[tuple[int, Case]], minimum: float) -> None:
    chosen = [case for fold, case in cases if fold in SCORED_ONLY]
    counts = score(chosen, predictor(language, min_confidence=minimum))
    print(f"\n### {language}: per element, folds 4-5 ({len(chosen)} notes)\n")
    print("| group | element | support | P | R | F1 |")
    print("|---|---|---:|---:|---:|---:|")
    for (group, label), c in sorted(counts.items()):
        if label != "micro" and c.tp + c.fn + c.fp:
            cells = f"{c.tp + c.fn} | {c.precision:.2f} | {c.recall:.2f} | {c.f1:.2f}"
            print(f"| {group} | {label} | {cells} |")


def errors(language: str, cases: list[tuple[int, Case]], folds: set[int], minimum: float) -> None:
    predict = predictor(language, min_confidence=minimum)
    for fold, case in cases:
        if fold not in folds:
            continue
        predicted = predict(case)
        for group in GROUPS:
            gold = case.gold[group] or frozenset()
            missed, extra = sorted(gold - predicted[group]), sorted(predicted[group] - gold)
            if missed or extra:
                print(f"note {case.order} (fold {fold}) {group}: missed {missed} extra {extra}")


def rules(language: str, cases: list[tuple[int, Case]], minimum: float) -> None:
    """Print, per rule, how often its counted evidence agreed with the gold (folds 1-3)."""
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for fold, case in cases:
        if fold not in WRITTEN_ON:
            continue
        found = suggest(case.text, language, min_confidence=minimum)
        for suggestion in found.suggestions:
            mapped = PREDICTED.get(suggestion.target.fact)
            if mapped is None:
                continue
            ok = mapped[1] in (case.gold[mapped[0]] or frozenset())
            for evidence in suggestion.evidence:
                (right if ok else wrong)[evidence.rule] += 1
    print(f"\n### {language}: rules on folds 1-3 (right / wrong)\n")
    for rule in sorted(set(right) | set(wrong), key=lambda r: (-wrong[r], r)):
        print(f"{rule}: {right[rule]} / {wrong[rule]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=LANGUAGES)
    parser.add_argument("--min-confidence", type=float, default=DEFAULT_MIN_CONFIDENCE)
    parser.add_argument("--errors", help="folds to print errors of, e.g. 1,2,3")
    parser.add_argument("--rules", action="store_true")
    parser.add_argument("--auto", action="store_true", help="also score with language detection")
    args = parser.parse_args()
    for language in [args.language] if args.language else LANGUAGES:
        path = FOLDER / f"{language}.yaml"
        if not path.is_file():
            print(f"\n### {language}: no development notes yet ({path.name})")
            continue
        cases = load(path)
        if args.errors:
            errors(language, cases, {int(f) for f in args.errors.split(",")}, args.min_confidence)
            continue
        if args.rules:
            rules(language, cases, args.min_confidence)
            continue
        fold_table(language, cases, language, args.min_confidence)
        if args.auto:
            fold_table(language, cases, "auto", args.min_confidence)
        element_table(language, cases, args.min_confidence)


if __name__ == "__main__":
    main()
