"""Encode identities for matching, find possible duplicates, and the holders' answers.

`encode_person` runs inside the case actions that write the identity vault (`open_case`,
`update_identity`, `update_case` when sex or citizenship change): it replaces the person's
encodings and compares the new ones with the candidates that share a blocking key, never with
everyone. A candidate above `stepstones.linkage.THRESHOLD` whose case another organisation
holds becomes a `PossibleDuplicate`, once: a pair already made (open, linked or rejected) is
never made again. Pairs inside one organisation are not made: its case workers read both
identity records already (docs/linkage.md, "In the platform").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from stepstones.agencies.models import Membership
from stepstones.audit.chain import record
from stepstones.cases.models import Case, Person
from stepstones.duplicates import keys
from stepstones.duplicates.models import BlockKey, LinkEncoding, PairStatus, PossibleDuplicate
from stepstones.errors import conflict, forbidden
from stepstones.linkage import THRESHOLD, Encoding, Index, Probe, identities

LOOKUP_CHUNK = 500  # keys per IN (...): well under SQLite's parameter limit


@dataclass(frozen=True)
class Candidates:
    """The stored encodings sharing a blocking key with a registration, as a searchable index."""

    index: Index
    persons: list[int]  # the person of each index position


def probes_of(person: Person, record: Mapping[str, Any]) -> list[Probe]:
    """Return the probes (encodings with their field masks) of every name of a vault record."""
    encoder = keys.encoder()
    found = identities(record, gender=person.gender, citizenship=person.citizenship)
    return [encoder.probe(identity) for identity in found]


def candidates(probes: Iterable[Probe], *, exclude_person: int) -> Candidates:
    """Load the encodings stored under any of the probes' look-up keys (the candidate set).

    Only encodings under the current secret are loaded; the person's own are left out.
    """
    lookups = sorted(set().union(*(p.lookups for p in probes)))
    secret = keys.current_fingerprint()
    members: dict[int, set[str]] = {}
    for start in range(0, len(lookups), LOOKUP_CHUNK):
        rows = BlockKey.objects.filter(
            key__in=lookups[start : start + LOOKUP_CHUNK], encoding__secret=secret
        ).values_list("key", "encoding_id")
        for key, encoding_id in rows:
            members.setdefault(encoding_id, set()).add(key)
    index = Index()
    persons: list[int] = []
    ids = sorted(members)
    for start in range(0, len(ids), LOOKUP_CHUNK):
        stored = (
            LinkEncoding.objects.filter(id__in=ids[start : start + LOOKUP_CHUNK])
            .exclude(person_id=exclude_person)
            .values_list("id", "person_id", "bits", "date_level", "arabic")
        )
        for encoding_id, person_id, bits, level, arabic in stored:
            index.add(Encoding(bytes(bits), level, arabic, frozenset(members[encoding_id])))
            persons.append(person_id)
    return Candidates(index, persons)


def best_scores(probes: Iterable[Probe], found: Candidates) -> dict[int, float]:
    """Return, for each other person scoring at least THRESHOLD, their best score."""
    best: dict[int, float] = {}
    for probe in probes:
        for candidate in found.index.query(probe, THRESHOLD):
            person = found.persons[candidate.index]
            best[person] = max(best.get(person, 0.0), candidate.score)
    return best


def _case_of(person_ids: Iterable[int]) -> dict[int, Case]:
    """Return each person's newest case (a person has one case in practice)."""
    newest: dict[int, Case] = {}
    rows = Case.objects.filter(person_id__in=list(person_ids)).order_by("-opened_at", "-id")
    for case in rows.select_related("person", "accountable_org"):
        newest.setdefault(case.person_id, case)
    return newest


def encode_person(
    person: Person,
    record_data: Mapping[str, Any],
    *,
    by: Membership | None,
    check: bool = True,
) -> list[PossibleDuplicate]:
    """Replace the person's stored encodings with those of `record_data`; return new pairs.

    With `check`, the new encodings are first compared with the candidates sharing a blocking
    key; each other person scoring at least THRESHOLD whose case another organisation holds
    becomes a pair (if the two cases never made one before). Stores no plaintext.
    """
    probes = probes_of(person, record_data)
    now = timezone.now()
    with transaction.atomic():
        LinkEncoding.objects.filter(person=person).delete()
        made = _check(person, probes, by=by) if check and probes else []
        secret = keys.current_fingerprint()
        for probe in probes:
            stored = LinkEncoding.objects.create(
                person=person,
                bits=probe.encoding.bits,
                date_level=probe.encoding.date_level,
                arabic=probe.encoding.arabic,
                secret=secret,
                encoded_at=now,
            )
            BlockKey.objects.bulk_create(
                BlockKey(encoding=stored, key=key) for key in sorted(probe.encoding.blocks)
            )
    return made


def _check(
    person: Person, probes: list[Probe], *, by: Membership | None
) -> list[PossibleDuplicate]:
    scores = best_scores(probes, candidates(probes, exclude_person=person.pk))
    if not scores:
        return []
    cases = _case_of([person.pk, *scores])
    mine = cases.get(person.pk)
    if mine is None:
        return []
    made: list[PossibleDuplicate] = []
    for other_person, score in sorted(scores.items(), key=lambda item: -item[1]):
        theirs = cases.get(other_person)
        # Another organisation's case only: within one organisation both records are readable.
        if theirs is None or theirs.accountable_org_id == mine.accountable_org_id:
            continue
        first, second = sorted((mine, theirs), key=lambda c: c.pk)
        pair, created = PossibleDuplicate.objects.get_or_create(
            case_a=first, case_b=second, defaults={"score": score, "found_at": timezone.now()}
        )
        # A pair made before (open, linked, or rejected and to be remembered) stays as it is.
        if not created:
            continue
        record(
            "duplicate.found",
            object_type="duplicate",
            object_id=pair.pk,
            actor=by.user if by is not None else None,
            organisation=by.organisation if by is not None else None,
            details={
                "cases": [first.person.code, second.person.code],
                "organisations": [first.accountable_org_id, second.accountable_org_id],
                "score": round(score, 3),
            },
        )
        made.append(pair)
    return made


def held_sides(pair: PossibleDuplicate, membership: Membership) -> list[str]:
    """Return the sides ("a", "b") whose case the member's organisation holds now."""
    org = membership.organisation_id
    sides = []
    if pair.case_a.accountable_org_id == org:
        sides.append("a")
    if pair.case_b.accountable_org_id == org:
        sides.append("b")
    return sides


def _locked(pair: PossibleDuplicate, by: Membership) -> tuple[PossibleDuplicate, list[str]]:
    if not by.works_cases:
        raise forbidden(_("Your role does not allow answering possible duplicates."))
    locked = (
        PossibleDuplicate.objects.select_for_update(no_key=True)
        .select_related("case_a__person", "case_b__person")
        .get(pk=pair.pk)
    )
    sides = held_sides(locked, by)
    if not sides:
        raise forbidden(_("Only the organisations holding the two cases answer this."))
    if locked.status != PairStatus.OPEN:
        raise conflict(_("This possible duplicate has already been answered."))
    return locked, sides


def confirm_pair(pair: PossibleDuplicate, *, by: Membership) -> PossibleDuplicate:
    """Confirm, for the member's side, that the two cases are the same person.

    The cases are linked when both sides confirmed; until then the pair waits for the other.
    """
    with transaction.atomic():
        locked, sides = _locked(pair, by)
        now = timezone.now()
        fields: list[str] = []
        for side in sides:
            if getattr(locked, f"{side}_confirmed_at") is not None:
                continue
            setattr(locked, f"{side}_confirmed_at", now)
            setattr(locked, f"{side}_confirmed_by", by.user)
            fields += [f"{side}_confirmed_at", f"{side}_confirmed_by"]
        if not fields:
            raise conflict(_("Your organisation has already confirmed this; the other has not."))
        if locked.a_confirmed_at is not None and locked.b_confirmed_at is not None:
            locked.status = PairStatus.LINKED
            locked.decided_at = now
            fields += ["status", "decided_at"]
        locked.save(update_fields=fields)
        record(
            "duplicate.confirmed",
            object_type="duplicate",
            object_id=locked.pk,
            actor=by.user,
            organisation=by.organisation,
            details={
                "case": getattr(locked, f"case_{sides[0]}").person.code,
                "linked": locked.status == PairStatus.LINKED,
            },
        )
    return locked


def reject_pair(pair: PossibleDuplicate, *, by: Membership) -> PossibleDuplicate:
    """Say the two cases are not the same person: the pair is closed and never shown again."""
    with transaction.atomic():
        locked, sides = _locked(pair, by)
        locked.status = PairStatus.REJECTED
        locked.decided_at = timezone.now()
        locked.rejected_by_org = by.organisation
        locked.save(update_fields=["status", "decided_at", "rejected_by_org"])
        record(
            "duplicate.rejected",
            object_type="duplicate",
            object_id=locked.pk,
            actor=by.user,
            organisation=by.organisation,
            details={"case": getattr(locked, f"case_{sides[0]}").person.code},
        )
    return locked


def forget_person(person: Person) -> dict[str, int]:
    """Delete the person's encodings and the open pairs of their cases (erasure).

    Linked and rejected pairs stay: they hold no identity, only that two case codes were, or
    were not, the same person. Returns how many of each were deleted.
    """
    encodings = LinkEncoding.objects.filter(person=person)
    counted = encodings.count()
    encodings.delete()
    open_pairs = PossibleDuplicate.objects.filter(
        Q(case_a__person=person) | Q(case_b__person=person), status=PairStatus.OPEN
    )
    pairs = open_pairs.count()
    open_pairs.delete()
    return {"encodings": counted, "open_pairs": pairs}
