"""The forms of the time audit: the choices, the value ranking and a week's entry."""

from decimal import Decimal

from django import forms

from lms.time_audit.categories import (
    CONTRACTED_CHOICES,
    MAX_WEEK_HOURS,
    SLOTS,
    VERSION_CHOICES,
    WEEKDAY_CHOICES,
)

ORDINALS = ("1st", "2nd", "3rd", "4th", "5th")


def hours_input(**kwargs):
    """A number field a phone opens with its decimal keypad."""
    attrs = {"inputmode": "decimal", "step": "0.5", "min": "0", "max": MAX_WEEK_HOURS}
    return forms.DecimalField(
        min_value=Decimal("0"),
        max_value=Decimal(MAX_WEEK_HOURS),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs=attrs),
        **kwargs,
    )


class ProfileForm(forms.Form):
    version = forms.ChoiceField(
        label="Which categories fit your work?",
        choices=VERSION_CHOICES,
        widget=forms.RadioSelect,
        help_text="Team leader if you lead a team today; agent if you do not yet.",
    )
    contracted_hours = forms.TypedChoiceField(
        label="Your contracted week",
        choices=CONTRACTED_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    sacred_goal = hours_input(
        label="Sacred time: hours a week you protect for developing people",
        help_text="0 for no goal. Each week you reach it adds to your streak.",
    )
    reminder_day = forms.TypedChoiceField(
        label="Email me a reminder on",
        choices=[("", "No reminder"), *WEEKDAY_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    share_always = forms.BooleanField(
        label="Share every week with my mentor", required=False
    )


class RankingForm(forms.Form):
    """Five selects, one per place; each category must take exactly one."""

    def __init__(self, version, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.key, c.label) for c in version.categories]
        for n in range(SLOTS):
            self.fields[f"rank_{n + 1}"] = forms.ChoiceField(
                label=f"{ORDINALS[n]} most valued", choices=choices
            )

    def clean(self):
        cleaned = super().clean()
        ranking = [cleaned.get(f"rank_{n + 1}") for n in range(SLOTS)]
        if None not in ranking and len(set(ranking)) != SLOTS:
            raise forms.ValidationError("Give each category its own place.")
        cleaned["ranking"] = ranking
        return cleaned


class WeekForm(forms.Form):
    """A week's hours, labelled with the version's categories."""

    in_work = hours_input(
        label="In the work", help_text="customers, queues, shadowing", required=False
    )
    leading = hours_input(
        label="Leading the work",
        help_text="planning, staffing, quality, advocating",
        required=False,
    )
    note = forms.CharField(
        label="One line about the week (optional)", max_length=200, required=False
    )
    shared = forms.BooleanField(label="Share this week with my mentor", required=False)

    def __init__(self, version, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slots = {}
        for n, category in enumerate(version.categories, start=1):
            # Left empty means none: no zero to delete before typing on a phone.
            slots[f"hours_{n}"] = hours_input(
                label=category.label, help_text=category.hint, required=False
            )
        self.fields = {**slots, **self.fields}

    def hour_fields(self):
        return [self[f"hours_{n}"] for n in range(1, SLOTS + 1)]

    def split_fields(self):
        return [self["in_work"], self["leading"]]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # a field already said what is wrong
        for name in (
            *(f"hours_{n}" for n in range(1, SLOTS + 1)),
            "in_work",
            "leading",
        ):
            cleaned[name] = cleaned.get(name) or Decimal("0")
        hours = [cleaned[f"hours_{n}"] for n in range(1, SLOTS + 1)]
        total = sum(hours, Decimal("0"))
        if total > MAX_WEEK_HOURS:
            raise forms.ValidationError(f"A week has {MAX_WEEK_HOURS} hours at most.")
        split = cleaned["in_work"] + cleaned["leading"]
        if split > total:
            raise forms.ValidationError(
                "In the work and leading the work add up to more than the "
                f"{total} hours logged above."
            )
        cleaned["hours"] = hours
        return cleaned
