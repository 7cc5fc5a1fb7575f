"""Review cards and their logs. A card's FSRS fields are a cache of its log's replay."""

from django.conf import settings
from django.db import models


class ReviewCard(models.Model):
    """One knowledge-check question, for one learner, to retrieve again on `due`."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_cards",
        db_index=False,  # the due index below leads with the user
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="review_cards"
    )
    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="review_cards"
    )
    question_id = models.CharField(max_length=64)
    # fsrs.Card's fields, as its replay of the log left them.
    state = models.PositiveSmallIntegerField(default=1)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # The first daily-review answer, right or wrong (None before any): the share
    # of cards whose first review failed is how fast a question is forgotten.
    first_review_correct = models.BooleanField(null=True, blank=True)
    # Set when the question leaves its module; cleared if it comes back.
    retired_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "question_id"], name="review_card_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["user", "due"],
                name="review_card_due",
                condition=models.Q(retired_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.user_id}:{self.module_id}:{self.question_id}"


class ReviewAnswer(models.Model):
    """One retrieval of a card: a module answer or a daily-review answer.

    The id is the client's (a module answer keeps its progress event's id), so
    a retry is recognised; `body_hash` tells a retry from a conflicting reuse.
    """

    class Source(models.TextChoices):
        MODULE = "module", "Module"
        REVIEW = "review", "Daily review"

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True)
    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="log")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_answers",
        db_index=False,
    )
    source = models.CharField(max_length=10, choices=Source.choices)
    correct = models.BooleanField()
    rating = models.PositiveSmallIntegerField()
    chosen = models.JSONField(default=list)
    reviewed_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    body_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["user", "source", "reviewed_at"], name="review_answer_user"
            ),
            models.Index(fields=["card", "reviewed_at"], name="review_answer_card"),
        ]

    def __str__(self):
        return f"{self.source} {self.id}"


class CompetencyRecall(models.Model):
    """A learner's predicted recall of one competency's cards, as of `as_of`.

    A roll-up of the cards (refreshed when they change and each night), so the
    heat-map and the learner drill-down read one row per learner and competency,
    never the cards or their logs. Recall is FSRS retrievability averaged over
    the cards: `recall_total` is its sum, so cohort averages add up exactly.
    """

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique constraint leads with the user
    )
    competency = models.ForeignKey(
        "courses.Competency", on_delete=models.CASCADE, related_name="+"
    )
    cards = models.PositiveIntegerField(default=0)
    recall_total = models.FloatField(default=0)
    due = models.PositiveIntegerField(default=0)  # due by the end of as_of's day
    overdue = models.PositiveIntegerField(default=0)  # due before as_of's day began
    as_of = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competency"], name="one_recall_per_competency"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.competency_id} recall {self.recall:.2f}"

    @property
    def recall(self):
        return self.recall_total / self.cards if self.cards else 0.0


class ReviewDay(models.Model):
    """The daily-review answers a learner gave on one day (site time zone).

    Counted once per stored answer, so the dashboard's review participation
    reads a row per learner and day rather than the answers.
    """

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique constraint leads with the user
    )
    day = models.DateField()
    answers = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_review_day")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.day} {self.correct}/{self.answers}"


class ReviewReminder(models.Model):
    """When a learner wants the daily "questions to review" email (site time zone).

    No row means the default, the morning; the nudges' opt-out stops it too.
    """

    class Slot(models.TextChoices):
        MORNING = "morning", "In the morning (08:00)"
        MIDDAY = "midday", "At midday (12:00)"
        EVENING = "evening", "In the evening (18:00)"

    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_reminder",
    )
    slot = models.CharField(max_length=10, choices=Slot.choices, default=Slot.MORNING)

    def __str__(self):
        return f"{self.user_id}: {self.slot}"
