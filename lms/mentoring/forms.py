"""The mentor's forms: a rubric review, and a GROW coaching note."""

from django import forms
from django.core.exceptions import PermissionDenied

from lms.mentoring import notes as coaching
from lms.models import (
    CoachingNote,
    Review,
)
from lms.stretch import reviews


class ReviewForm(forms.Form):
    """A 1-4 score and a comment per rubric criterion, and an overall comment.

    The outcome comes from the submit button pressed.
    """

    outcome = forms.ChoiceField(
        choices=Review.Outcome.choices,
        error_messages={"required": "Choose to approve or to request changes."},
    )
    comment = forms.CharField(
        label="Overall comment",
        required=False,
        max_length=reviews.REVIEW_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you request changes: say what to change.",
    )

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.criterion,
                choices=[(n, f"{n} – {label}") for n, label in reviews.SCORES.items()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.criterion}",
                required=False,
                max_length=reviews.RATING_COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rubric(self):
        """(criterion, score field, comment field) for the template."""
        return [
            (c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria
        ]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score = cleaned.get(f"score_{criterion.pk}")
            if cleaned.get(f"comment_{criterion.pk}") and score in (None, ""):
                self.add_error(
                    f"score_{criterion.pk}", "Give a score to go with your comment."
                )
        return cleaned

    def ratings(self):
        """{criterion pk: (score, comment)} for the criteria given a score."""
        found = {}
        for criterion in self.criteria:
            score = self.cleaned_data.get(f"score_{criterion.pk}")
            if score not in (None, ""):
                comment = self.cleaned_data.get(f"comment_{criterion.pk}", "")
                found[criterion.pk] = (score, comment)
        return found


class NoteForm(forms.ModelForm):
    """A coaching note; the cohort is asked for only when the mentor coaches the
    learner in more than one."""

    class Meta:
        model = CoachingNote
        fields = coaching.EDITABLE_FIELDS
        labels = {"held_on": "Conversation date"}
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 4}) for name in coaching.GROW_FIELDS
            },
        }

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        for stage in coaching.GROW:
            self.fields[stage.field].label = stage.label
            self.fields[stage.field].help_text = stage.summary
        if len(cohorts) > 1:
            self.fields["cohort"] = forms.TypedChoiceField(
                label="Cohort",
                coerce=int,
                choices=[(c.pk, c.name) for c in cohorts],
            )

    def stages(self):
        """(field, stage) pairs, so the template can show each stage's prompts."""
        return [(self[stage.field], stage) for stage in coaching.GROW]

    def note_fields(self):
        return {name: self.cleaned_data[name] for name in coaching.EDITABLE_FIELDS}


def add_errors(form, error):
    """Show a refusal from a service as the form's own errors."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, "You may not do this on this project.")
    elif hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)
