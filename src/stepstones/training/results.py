"""Live, anonymous results of a step: how many chose what, for the room, per group and per kind.

No name is ever shown beside an answer. A group or a kind with fewer than `MIN_CELL` answers is
shown as "too few to show", so that nobody's answer can be read off a small cell.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from stepstones.training.models import ParticipantKind, Response, Step

MIN_CELL = 3


@dataclass(frozen=True)
class Row:
    """One line of the results table: a label, the answers counted, and the counts per choice
    (None when the line has too few answers to show)."""

    label: str
    total: int
    counts: tuple[int, ...] | None


@dataclass(frozen=True)
class Results:
    """The room's results for one step."""

    choices: tuple[tuple[str, str], ...]
    room: Row
    groups: tuple[Row, ...]
    kinds: tuple[Row, ...]
    answered: int
    # "Spot the deceptive offer": how many marked each flag, and the mean score (0..1).
    marked: tuple[tuple[str, int], ...] = ()
    mean_score: float | None = None
    # "Who is vulnerable": what the room wrote, newest first, without names.
    texts: tuple[str, ...] = ()


def _row(label: str, counter: Counter[str], choices: tuple[tuple[str, str], ...]) -> Row:
    total = sum(counter.values())
    counts = tuple(counter[value] for value, _ in choices) if total >= MIN_CELL else None
    return Row(label, total, counts)


MAX_TEXTS = 60


def results_for(
    step: Step,
    choices: tuple[tuple[str, str], ...],
    group_label: str,
    marks: tuple[tuple[str, str], ...] = (),
) -> Results:
    """Count the answers to `step` in one query; `group_label` is a `%(n)s` template.

    For a step answered by marks, `choices` are ignored and the flags in `marks` are counted.
    """
    room: Counter[str] = Counter()
    groups: dict[int, Counter[str]] = {}
    kinds: dict[str, Counter[str]] = {}
    flags: Counter[str] = Counter()
    scores: list[float] = []
    texts: list[str] = []
    rows = (
        Response.objects.filter(step=step)
        .order_by("-answered_at", "-id")
        .values_list(
            "choice", "participant__group__number", "participant__kind", "marks", "score", "text"
        )
    )
    for choice, group, kind, marked, score, text in rows:
        flags.update(marked or ())
        if score is not None:
            scores.append(score)
        if text and len(texts) < MAX_TEXTS:
            texts.append(text)
        if not choice:
            continue
        room[choice] += 1
        if group is not None:
            groups.setdefault(group, Counter())[choice] += 1
        kinds.setdefault(kind, Counter())[choice] += 1
    labels = dict(ParticipantKind.choices)
    return Results(
        choices=choices,
        room=_row("", room, choices),
        groups=tuple(_row(group_label % {"n": n}, groups[n], choices) for n in sorted(groups)),
        kinds=tuple(
            _row(str(labels[k]), kinds[k], choices) for k in ParticipantKind.values if k in kinds
        ),
        answered=len(rows),
        marked=tuple((label, flags[flag]) for flag, label in marks),
        mean_score=sum(scores) / len(scores) if marks and len(scores) >= MIN_CELL else None,
        texts=tuple(texts),
    )
