"""The form of a programme's readiness settings: two cut points on each axis of the
grid, 0 < lower < upper <= 100, and whether learners see their readiness label."""

from django import forms

AXES = (("performance", "Performance"), ("potential", "Potential"))


def cut_point(label, lowest, highest, help_text):
    return forms.IntegerField(
        label=label,
        min_value=lowest,
        max_value=highest,
        help_text=help_text,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "min": lowest, "max": highest}
        ),
        error_messages={
            "required": f"Enter a whole number from {lowest} to {highest}.",
            "invalid": f"Enter a whole number from {lowest} to {highest}.",
            "min_value": f"Enter a whole number from {lowest} to {highest}.",
            "max_value": f"Enter a whole number from {lowest} to {highest}.",
        },
    )


class ReadinessSettingsForm(forms.Form):
    performance_low = cut_point(
        "Performance: lower cut point",
        1,
        99,
        "A performance score below it is the low column.",
    )
    performance_high = cut_point(
        "Performance: upper cut point",
        2,
        100,
        "A score from it up is the high column; between the two is medium.",
    )
    potential_low = cut_point(
        "Potential: lower cut point",
        1,
        99,
        "A potential score below it is the low row.",
    )
    potential_high = cut_point(
        "Potential: upper cut point",
        2,
        100,
        "A score from it up is the high row; between the two is medium.",
    )
    show_readiness_to_learner = forms.BooleanField(
        label="Show the readiness label to learners",
        required=False,
        help_text="Each learner of this programme then sees, on My learning, their "
        "own readiness verdict (ready now, in 6-12 months, not yet) and their own "
        "evidence. Never anyone's trait ratings or comments.",
    )

    @classmethod
    def of(cls, settings, data=None):
        """The form for a programme's settings (saved or the defaults)."""
        initial = {name: getattr(settings, name) for name in cls.base_fields}
        return cls(data, initial=initial)

    def clean(self):
        cleaned = super().clean()
        for axis, label in AXES:
            low = cleaned.get(f"{axis}_low")
            high = cleaned.get(f"{axis}_high")
            if low is not None and high is not None and low >= high:
                self.add_error(
                    f"{axis}_high",
                    f"{label}: the upper cut point ({high}) must be above the "
                    f"lower one ({low}).",
                )
        return cleaned
