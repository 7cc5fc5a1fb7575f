"""The judgements readiness rests on, kept as history (a new row each time, never
changed): trait ratings, readiness verdicts and a manager's moves on the grid;
the nightly snapshot of each learner's box; each programme's cut points."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lms.assessment.models import TRAIT_CHOICES, level_field
from lms.readiness.comments import plain_comment

MAX_COMMENT = 2_000
BOXES = (1, 2, 3)


class RaterRole(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    MANAGER = "manager", "Programme manager"


class Verdict(models.TextChoices):
    READY_NOW = "ready_now", "Ready now"
    READY_6_12 = "ready_6_12", "Ready in 6-12 months"
    NOT_YET = "not_yet", "Not yet"


class PlacedBy(models.TextChoices):
    EVIDENCE = "evidence", "By the evidence"
    MANAGER = "manager", "Moved by a manager"


def box_field():
    return models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )


def required_text(instance, name, message):
    """Strip the field's markup; raise ValidationError when nothing is left."""
    setattr(instance, name, plain_comment(getattr(instance, name)))
    if not getattr(instance, name):
        raise ValidationError({name: message})


class History(models.Model):
    """Abstract: rows are added, never changed, so who said what and when stays."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} is history: add a new row")
        super().save(*args, **kwargs)


class Judgement(History):
    """Abstract: a mentor's or manager's judgement of a learner, with why."""

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="+"
    )
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rater_role = models.CharField(max_length=10, choices=RaterRole.choices)
    comment = models.TextField(max_length=MAX_COMMENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(comment=""), name="%(class)s_says_why"
            ),
            models.CheckConstraint(
                condition=models.Q(rater_role__in=RaterRole.values),
                name="%(class)s_by_a_role",
            ),
        ]

    def clean(self):
        required_text(self, "comment", "Say why: what did you see them do?")


class TraitRating(Judgement):
    """A level 1-4 on one pipeline trait, against its behaviour anchors.

    The learner never sees it. What counts is each role's newest rating of each
    trait: the mentor's and the manager's views both weigh, neither replaces
    the other."""

    wagtail_reference_index_ignore = True

    trait = models.CharField(max_length=40, choices=TRAIT_CHOICES)
    level = level_field()

    class Meta(Judgement.Meta):
        indexes = [
            # The newest-rating window's own order, id included, so PostgreSQL
            # reads the ratings in order instead of sorting them.
            models.Index(
                fields=["enrolment", "trait", "rater_role", "-created_at", "-id"],
                name="trait_rating_newest",
            )
        ]
        constraints = [
            *Judgement.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="trait_rating_1_to_4",
            ),
            models.CheckConstraint(
                condition=models.Q(trait__in=[slug for slug, _ in TRAIT_CHOICES]),
                name="trait_rating_of_a_trait",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.trait} {self.level} ({self.rater_role})"


class ReadinessRating(Judgement):
    """A verdict on readiness for a team-leader seat. One verdict is in force, the
    newest whoever gave it: a manager's calibration after a mentor's view
    settles the question until someone rates again."""

    wagtail_reference_index_ignore = True

    verdict = models.CharField(max_length=12, choices=Verdict.choices)

    class Meta(Judgement.Meta):
        indexes = [
            models.Index(
                fields=["enrolment", "-created_at"], name="readiness_rating_latest"
            )
        ]
        constraints = [
            *Judgement.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(verdict__in=Verdict.values),
                name="readiness_rating_verdict",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.verdict} ({self.rater_role})"


class Placement(History):
    """A manager's move of a learner to a box of the grid, with the reason. The
    newest row is in force, whatever the evidence says, until a newer row
    clears it (cleared=True, no boxes) and the evidence places them again."""

    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="+"
    )
    performance = box_field()
    potential = box_field()
    cleared = models.BooleanField(default=False)
    reason = models.TextField(max_length=MAX_COMMENT)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(fields=["enrolment", "-created_at"], name="move_latest")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="move_says_why"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    cleared=True, performance__isnull=True, potential__isnull=True
                )
                | models.Q(cleared=False, performance__in=BOXES, potential__in=BOXES),
                name="move_to_a_box_or_cleared",
            ),
        ]

    def __str__(self):
        if self.cleared:
            return f"{self.enrolment_id}: back to the evidence"
        return f"{self.enrolment_id}: moved to {self.performance}/{self.potential}"

    def clean(self):
        required_text(self, "reason", "Give the reason for the move.")
        if not self.cleared and (self.performance is None or self.potential is None):
            raise ValidationError("Choose a box on both axes.")

    @property
    def boxes(self):
        return None if self.cleared else (self.performance, self.potential)


class ReadinessSnapshot(models.Model):
    """A learner's scores, box and verdict on one night, for movement and trends.

    No boxes means the evidence did not place them yet and no manager did."""

    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="+"
    )
    # The cohort that night, so a cohort's trend reads its own rows.
    cohort = models.ForeignKey("lms.Cohort", on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField()
    performance_score = models.FloatField(null=True, blank=True)
    potential_score = models.FloatField(null=True, blank=True)
    performance = box_field()
    potential = box_field()
    verdict = models.CharField(max_length=12, choices=Verdict.choices, blank=True)
    placed_by = models.CharField(max_length=10, choices=PlacedBy.choices, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["cohort", "taken_on"], name="readiness_snapshot_day")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "taken_on"], name="one_readiness_snapshot_a_day"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id} on {self.taken_on}"


def percent_field(default):
    return models.PositiveSmallIntegerField(
        default=default, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )


class ReadinessSettings(models.Model):
    """A programme's cut points on the grid's axes (scores 0-100) and whether its
    learners see their readiness verdict. Made when first saved; until then
    the defaults apply."""

    wagtail_reference_index_ignore = True

    programme = models.OneToOneField(
        "courses.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="readiness_settings",
    )
    performance_low = percent_field(50)
    performance_high = percent_field(75)
    potential_low = percent_field(50)
    potential_high = percent_field(75)
    show_readiness_to_learner = models.BooleanField(
        default=False,
        help_text="Learners see their readiness verdict (never the trait ratings).",
    )

    class Meta:
        verbose_name_plural = "readiness settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(performance_low__lt=models.F("performance_high"))
                & models.Q(performance_high__lte=100),
                name="performance_cut_points_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(potential_low__lt=models.F("potential_high"))
                & models.Q(potential_high__lte=100),
                name="potential_cut_points_in_order",
            ),
        ]

    def __str__(self):
        return f"readiness settings of {self.programme_id}"

    def clean(self):
        for axis in ("performance", "potential"):
            low, high = getattr(self, f"{axis}_low"), getattr(self, f"{axis}_high")
            if low is not None and high is not None and low >= high:
                raise ValidationError(
                    {f"{axis}_high": "The upper cut point must be above the lower."}
                )
