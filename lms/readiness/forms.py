"""The profile's forms: the four traits on their anchors, a readiness verdict, and a
manager's move to a box or back to the evidence. Each comment or reason is
required and kept as plain text (markup dropped, then checked for being empty)."""

from django import forms

from lms.assessment.traits import TRAITS
from lms.readiness.comments import plain_comment
from lms.readiness.grid import BOX_NAMES
from lms.readiness.models import MAX_COMMENT, Verdict

SAY_WHY = "Say why: what did you see them do?"
GIVE_REASON = "Give the reason for the move."


def said(text, message):
    """The plain text of a comment; a ValidationError when nothing is left."""
    text = plain_comment(text)
    if not text:
        raise forms.ValidationError(message)
    return text


def comment_field(label, message, rows=3):
    return forms.CharField(
        label=label,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message},
    )


def level_choices(trait):
    return [(level, f"{level}: {text}") for level, text in trait.described_levels()]


class TraitRatingsForm(forms.Form):
    """A level on the behaviour anchors and a comment for each of the four traits.

    All four or none: a rating of one trait alone would weigh on the potential
    score without the others beside it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for trait in TRAITS:
            self.fields[f"{trait.slug}-level"] = forms.TypedChoiceField(
                label=trait.name,
                choices=level_choices(trait),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose the level of {trait.name.lower()}.",
                    "invalid_choice": "Choose one of the four levels.",
                },
            )
            self.fields[f"{trait.slug}-comment"] = comment_field(
                f"Why, for {trait.name.lower()}", SAY_WHY
            )

    def traits(self):
        """(trait, level field, comment field) for the template."""
        return [(t, self[f"{t.slug}-level"], self[f"{t.slug}-comment"]) for t in TRAITS]

    def clean(self):
        cleaned = super().clean()
        for trait in TRAITS:
            name = f"{trait.slug}-comment"
            if name in cleaned:
                try:
                    cleaned[name] = said(cleaned[name], SAY_WHY)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned

    def ratings(self):
        """{trait slug: (level, comment)}, as lms.readiness.ratings.rate_traits takes."""
        data = self.cleaned_data
        return {
            t.slug: (data[f"{t.slug}-level"], data[f"{t.slug}-comment"]) for t in TRAITS
        }


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label="Ready for a team-leader seat?",
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a verdict.",
            "invalid_choice": "Choose one of the three verdicts.",
        },
    )
    comment = comment_field("Why", SAY_WHY)

    def clean_comment(self):
        return said(self.cleaned_data["comment"], SAY_WHY)


def box_choices():
    """The nine boxes as "performance-potential", the best first."""
    ranked = sorted(BOX_NAMES, key=lambda key: (-key[1], -key[0]))
    return [
        (f"{p}-{q}", f"{BOX_NAMES[(p, q)]} (performance {p}, potential {q})")
        for p, q in ranked
    ]


class MoveForm(forms.Form):
    """A manager's move to a box of the grid; it outranks the evidence until cleared."""

    box = forms.ChoiceField(
        label="Move to",
        choices=[("", "Choose a box")] + box_choices(),
        error_messages={
            "required": "Choose the box to move them to.",
            "invalid_choice": "Choose one of the nine boxes.",
        },
    )
    reason = comment_field("Reason", GIVE_REASON)

    def clean_box(self):
        performance, potential = self.cleaned_data["box"].split("-")
        return int(performance), int(potential)

    def clean_reason(self):
        return said(self.cleaned_data["reason"], GIVE_REASON)


class ClearMoveForm(forms.Form):
    """Hand the learner's place back to the evidence, saying why."""

    reason = comment_field("Reason", "Give the reason for handing them back.", 2)

    def clean_reason(self):
        return said(
            self.cleaned_data["reason"], "Give the reason for handing them back."
        )
