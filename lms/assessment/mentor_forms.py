"""The mentor's rating of a learner on one competency: a level against the
competency's anchors and an optional plain-text comment."""

import html

import nh3
from django import forms

from lms.assessment.forms import level_choices

MAX_COMMENT = 2_000


class MentorRatingForm(forms.Form):
    """One competency's rating. Field ids carry the competency, so the page can
    hold one form per competency without two fields sharing an id."""

    level = forms.TypedChoiceField(
        label="Your rating",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a level from 1 to 4.",
            "invalid_choice": "Choose one of the four levels.",
        },
    )
    comment = forms.CharField(
        label="Comment (optional)",
        help_text="What you saw on the floor; the learner reads it beside their own.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_COMMENT,
        error_messages={
            "max_length": f"Keep the comment under {MAX_COMMENT:,} characters."
        },
    )

    def __init__(self, competency, *args, **kwargs):
        kwargs.setdefault("auto_id", f"rate-{competency.pk}-%s")
        super().__init__(*args, **kwargs)
        self.competency = competency
        self.fields["level"].choices = level_choices(competency.described_levels())

    def clean_comment(self):
        # Plain text: markup is dropped, not stored. nh3 returns HTML, so its
        # entities are turned back into text ("Q&A" stays "Q&A"); pages escape it.
        comment = html.unescape(nh3.clean(self.cleaned_data["comment"], tags=set()))
        comment = comment.strip()
        if len(comment) > MAX_COMMENT:
            raise forms.ValidationError(
                f"Keep the comment under {MAX_COMMENT:,} characters."
            )
        return comment
