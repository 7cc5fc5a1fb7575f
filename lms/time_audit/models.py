"""A learner's time-audit choices, and one row per ISO week they logged."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from lms.time_audit.categories import (
    CONTRACTED_CHOICES,
    LEADER,
    VERSION_CHOICES,
    VERSIONS,
    WEEKDAY_CHOICES,
)


def hours_field(**kwargs):
    return models.DecimalField(
        max_digits=4, decimal_places=1, default=Decimal("0"), **kwargs
    )


class AuditProfile(models.Model):
    """Chosen once and changeable: the categories, the contracted week, the goal,
    the value ranking, the reminder day and whether every week is shared."""

    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="time_audit_profile",
    )
    version = models.CharField(max_length=10, choices=VERSION_CHOICES, default=LEADER)
    contracted_hours = models.PositiveSmallIntegerField(
        choices=CONTRACTED_CHOICES, default=40
    )
    # Hours a week protected for developing people; 0 means no goal.
    sacred_goal = hours_field()
    # The version's category keys, most valued first.
    ranking = models.JSONField(default=list, blank=True)
    reminder_day = models.PositiveSmallIntegerField(
        choices=WEEKDAY_CHOICES, null=True, blank=True
    )
    reminders_off = models.BooleanField(default=False)
    share_always = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"time audit of {self.user_id}"

    @property
    def categories(self):
        return VERSIONS[self.version]

    def value_ranking(self):
        """The ranking for the current version; the version's own order if none fits."""
        keys = self.categories.keys()
        return list(self.ranking) if sorted(self.ranking) == sorted(keys) else keys


class AuditWeek(models.Model):
    """One ISO week: hours in each of the five categories of the week's version,
    time in the work and leading it, and the contract and goal as they were then."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_weeks"
    )
    week_start = models.DateField(help_text="The Monday of the ISO week.")
    version = models.CharField(max_length=10, choices=VERSION_CHOICES)
    hours_1 = hours_field()
    hours_2 = hours_field()
    hours_3 = hours_field()
    hours_4 = hours_field()
    hours_5 = hours_field()
    in_work = hours_field()
    leading = hours_field()
    contracted_hours = models.PositiveSmallIntegerField(choices=CONTRACTED_CHOICES)
    sacred_goal = hours_field()
    note = models.CharField(max_length=200, blank=True)
    shared = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["week_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "week_start"], name="one_audit_a_week"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: week of {self.week_start}"

    @property
    def categories(self):
        return VERSIONS[self.version]

    def hours(self):
        """[(Category, hours)] in the version's order."""
        return [
            (category, getattr(self, f"hours_{n}"))
            for n, category in enumerate(self.categories.categories, start=1)
        ]

    def hours_of(self, key):
        return getattr(self, f"hours_{self.categories.slot(key)}")

    @property
    def total(self):
        return sum((hours for _category, hours in self.hours()), Decimal("0"))

    @property
    def sacred_hours(self):
        return self.hours_of(self.categories.sacred)

    @property
    def sacred_met(self):
        return self.sacred_goal > 0 and self.sacred_hours >= self.sacred_goal
