"""The self-assessment's forms: a rating screen, built from its step, and a focus
choice. Both only check the input's shape; the services decide what is saved."""

from django import forms

from lms.assessment.flow import PIPELINE
from lms.assessment.focus import MAX_REFLECTION
from lms.assessment.traits import DESIRE_CHOICES
from lms.models import FocusGap

LEVELS = (1, 2, 3, 4)
LEVEL_ERRORS = {
    "required": "Choose a level for this one.",
    "invalid_choice": "Choose one of the four levels.",
}
MAX_REASON = 2_000


def level_choices(described):
    """The four levels as radio choices, "Level n: anchor" (just "Level n" where a
    trainer has not written the anchor yet, so a level is never missing)."""
    texts = dict(described)
    return [
        (n, f"Level {n}: {texts[n]}" if texts.get(n) else f"Level {n}") for n in LEVELS
    ]


def level_field(label, described, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=level_choices(described),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=LEVEL_ERRORS,
    )


class StepForm(forms.Form):
    """One screen: a level per competency or trait; on the pipeline screen also
    how much the learner wants to lead, and why."""

    def __init__(self, step, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.keys = {}  # field name -> the key save_step takes
        for competency in step.competencies:
            name = f"competency-{competency.pk}"
            self.keys[name] = ("competency", competency.pk)
            self.fields[name] = level_field(
                competency.name, competency.described_levels(), competency.description
            )
        for trait in step.traits:
            name = f"trait-{trait.slug}"
            self.keys[name] = ("trait", trait.slug)
            self.fields[name] = level_field(
                trait.name, trait.described_levels(), trait.question
            )
        if step.key == PIPELINE:
            self._add_desire()

    def _add_desire(self):
        self.fields["desire"] = forms.TypedChoiceField(
            label="How much do you want to lead?",
            choices=DESIRE_CHOICES,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Say how much you want to lead.",
                "invalid_choice": "Choose one of the four answers.",
            },
        )
        self.fields["reason"] = forms.CharField(
            label="Why?",
            help_text="A sentence or two; only you and your mentor read it.",
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=MAX_REASON,
            required=False,
        )

    def level_fields(self):
        return [self[name] for name in self.keys]

    def levels(self):
        """{key: level} of the cleaned form, as save_step takes them."""
        return {key: self.cleaned_data[name] for name, key in self.keys.items()}

    @classmethod
    def initial_for(cls, step, ratings, assessment):
        """What the screen shows checked: the levels already given in this round."""
        initial = {
            f"{kind}-{key}": ratings[(kind, key)]
            for kind, key in step.keys
            if (kind, key) in ratings
        }
        if step.key == PIPELINE and assessment is not None:
            initial["desire"] = assessment.desire_to_lead
            initial["reason"] = assessment.desire_reason
        return initial


class FocusForm(forms.Form):
    kind = forms.ChoiceField(
        label="Is this a skill I can learn, or a talent question?",
        choices=FocusGap.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Say whether this is a skill to learn or a talent question.",
            "invalid_choice": "Choose one of the three answers.",
        },
    )
    reflection = forms.CharField(
        label="Why do you think so?",
        help_text="A sentence or two. It goes into your private journal.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_REFLECTION,
        error_messages={
            "required": "Write a sentence or two on why, for your journal."
        },
    )
