from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from lms.cohorts.statuses import AT_RISK, BEHIND, ON_TRACK
from lms.models import Cohort, JournalEntry
from lms.roles import MENTORS, PROGRAMME_MANAGERS

STATUS_CHOICES = [("", "Any status")] + [
    (status, status.capitalize()) for status in (ON_TRACK, BEHIND, AT_RISK)
]


class JournalEntryForm(forms.ModelForm):
    class Meta:
        model = JournalEntry
        fields = ["text", "shared"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {
            "text": "Your reflection",
            "shared": "Share with my mentor and managers",
        }


class CohortForm(WagtailAdminModelForm):
    """A cohort; managers and mentors are chosen from their groups only."""

    class Meta:
        model = Cohort
        fields = [
            "programme",
            "name",
            "start_date",
            "end_date",
            "pacing",
            "behind_threshold",
            "managers",
            "mentors",
        ]
        widgets = {
            "managers": forms.CheckboxSelectMultiple,
            "mentors": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managers"].queryset = members_of(PROGRAMME_MANAGERS)
        self.fields["mentors"].queryset = members_of(MENTORS)


def members_of(group_name):
    return (
        get_user_model()
        .objects.filter(groups__name=group_name, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


class LearnerFilterForm(forms.Form):
    """Filters of the dashboard's learner table; read from the query string."""

    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    team = forms.ChoiceField(required=False)
    q = forms.CharField(
        label="Name or email", required=False, max_length=100, strip=True
    )

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Any team")] + [(t, t) for t in teams]

    def filter(self, rows):
        """The rows that pass every valid filter; an invalid value filters nothing."""
        if not self.is_bound:
            return rows
        self.is_valid()
        wanted = self.cleaned_data
        if status := wanted.get("status"):
            rows = [row for row in rows if row.status == status]
        if team := wanted.get("team"):
            rows = [row for row in rows if row.team == team]
        if text := (wanted.get("q") or "").casefold():
            rows = [
                row
                for row in rows
                if text in row.name.casefold() or text in row.email.casefold()
            ]
        return rows


class UploadForm(forms.Form):
    """A CSV or XLSX file of learners to enrol in a cohort."""

    file = forms.FileField(
        label="CSV or Excel file",
        help_text="Columns: email, first_name, last_name, team, site, mentor_email.",
    )


class AddLearnerForm(forms.Form):
    """One learner, enrolled by hand with the same checks as an upload."""

    email = forms.EmailField()
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    team = forms.CharField(max_length=100, required=False)
    site = forms.CharField(max_length=100, required=False)
    mentor_email = forms.EmailField(label="Mentor's email", required=False)
