"""The training day: sessions, their steps, participants, groups and answers.

These tables are the training sandbox. Nothing here points to a real case, person, referral or
audit entry, and nothing real points here: training never mixes with real data (DESIGN.md), and
`tests/training/test_wall.py` proves it. Participants have no account: a display name of their
choice, their organisation's kind, and a personal rejoin code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from stepstones.agencies.models import Organisation


class ParticipantKind(models.TextChoices):
    """The kind of organisation a participant works for (groups are mixed by it)."""

    GOVERNMENTAL = "governmental", _("Governmental")
    NON_GOVERNMENTAL = "non_governmental", _("Non-governmental")
    INTERNATIONAL = "international", _("International")
    VOLUNTEER = "volunteer", _("Volunteer")


class StepKind(models.TextChoices):
    """What the room does at a step."""

    POLL = "poll", _("Opening question")
    JOURNEY = "journey", _("Journey role-play")
    STUDY = "study", _("Case study")
    MYTH = "myth", _("Myth or fact")
    VULNERABLE = "vulnerable", _("Who is vulnerable?")
    OFFER = "offer", _("Spot the deceptive offer")


class TrainingSession(models.Model):
    """One training day, run by a trainer of an organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    day = models.DateField(_("date"))
    language = models.CharField(_("language of the room"), max_length=10)
    join_code = models.CharField(_("join code"), max_length=6, unique=True)
    code_expires_at = models.DateTimeField(_("join code expires at"))
    # The step the room is on (its position), and whether its answer is shown on the projector.
    current = models.PositiveIntegerField(default=0)
    revealed = models.BooleanField(default=False)
    # Each group travels a different, equally hard variant of the journey (seeded by group).
    variants = models.BooleanField(_("a different traveller for each group"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.day})"


def variant_seed(session: TrainingSession, group: Group | None) -> int:
    """Return the journey variant a group travels: 0 (as written) unless the session varies."""
    return group.number if session.variants and group is not None else 0


class Step(models.Model):
    """One step of a session, in order: a poll, a journey stage, a case study or a myth.

    `ref` names the content entry (a scenario, study or myth id); `stage` the journey stage.
    """

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    ref = models.CharField(max_length=100, blank=True)
    stage = models.PositiveIntegerField(default=0)
    # Once its answer has been shown, a step takes no more answers, even if hidden again.
    closed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="training_step_position")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ref} {self.stage}".strip()


class Group(models.Model):
    """A group of participants in a session (mixed by kind of organisation by default)."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveIntegerField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="training_group_number")
        ]

    def __str__(self) -> str:
        return str(self.number)


class Participant(models.Model):
    """Someone in the room: no account, no identity; a rejoin code links their answers."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="participants"
    )
    display_name = models.CharField(_("display name"), max_length=40)
    kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=ParticipantKind.choices
    )
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    rejoin_code = models.CharField(max_length=8, unique=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name


class Response(models.Model):
    """A participant's answer to one step, scored for accuracy when the step has a key."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="responses")
    choice = models.CharField(max_length=40, blank=True)
    # "Spot the deceptive offer": the flags marked; "who is vulnerable": the group's words.
    marks = models.JSONField(default=list, blank=True)
    text = models.CharField(max_length=500, blank=True)
    score = models.FloatField(null=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "step"], name="training_one_answer")
        ]

    def __str__(self) -> str:
        return self.choice


class QuizKind(models.TextChoices):
    """The knowledge tests of a day: before, after, and weeks later (retention)."""

    PRE = "pre", _("Test before the training")
    POST = "post", _("Test after the training")
    FOLLOW_UP = "follow_up", _("Follow-up test")


class Quiz(models.Model):
    """One knowledge test of a session; the same questions each time, shuffled per person."""

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="quizzes")
    kind = models.CharField(max_length=20, choices=QuizKind.choices)
    open = models.BooleanField(default=False)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "kind"], name="training_one_quiz_per_kind")
        ]

    def __str__(self) -> str:
        return self.kind


class QuizAnswer(models.Model):
    """A participant's answer to one question of a test, scored for accuracy."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=100)
    choice = models.CharField(max_length=40)
    score = models.FloatField()
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "participant", "question"], name="training_one_quiz_answer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.choice}"


class Evaluation(models.Model):
    """A participant's evaluation of the day: usefulness, what they learnt, commitments."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="evaluations"
    )
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="+")
    usefulness = models.PositiveSmallIntegerField()  # 1 (not useful) .. 5 (very useful)
    learnt = models.TextField(blank=True)
    commitments = models.JSONField(default=list, blank=True)  # ids of cooperation commitments
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.usefulness)


class NationalFigure(models.Model):
    """A count of detected victims from UNODC's GLOTIP data, imported from the data set's file.

    Imported by `stepstones import-glotip` from the file beside the repository, never copied
    into it. `value` is None where UNODC publishes "<5" (suppressed at source).
    """

    country = models.CharField(max_length=3)  # ISO 3166 alpha-3, as GLOTIP has it
    year = models.PositiveSmallIntegerField()
    dimension = models.CharField(max_length=40)  # total | form
    category = models.CharField(max_length=60)  # the form of exploitation, or "total"
    sex = models.CharField(max_length=10)  # female | male | total | ...
    age = models.CharField(max_length=10)  # child | adult | total
    value = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["country", "year", "dimension", "category", "sex", "age"],
                name="training_one_figure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.year} {self.category} {self.sex} {self.age}"


class PictureNote(models.Model):
    """A fact about the national picture a trainer adds beside the data, with its source."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("fact"), max_length=300)
    source = models.CharField(_("source"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class Media(models.Model):
    """An image or a short video a trainer shows at a step, kept in the database.

    In the database, not on one server's disk: any app server can serve it, and it goes with
    the session's backups. Only the session's trainers and participants can fetch it.
    """

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="media")
    step = models.OneToOneField(Step, on_delete=models.CASCADE, related_name="media")
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()
    description = models.CharField(_("what it shows"), max_length=200)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.description

    @property
    def is_video(self) -> bool:
        """Return whether this is a video (else an image)."""
        return self.content_type.startswith("video/")


class Stone(models.Model):
    """One organisation of a session's stepping-stones drill, and the group that plays it.

    The organisation, its member and the fictional person's case live in the sandbox database
    (`training.sandbox`); this row keeps only their ids there, never a link into real data.
    """

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="stones")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=100)
    sandbox_org_id = models.BigIntegerField()
    sandbox_membership_id = models.BigIntegerField()
    sandbox_case_id = models.BigIntegerField()  # the drill's one fictional case

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="training_stone_position")
        ]

    def __str__(self) -> str:
        return self.name
