"""The cohort form of the admin."""

from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from lms.models import Cohort
from lms.roles import MENTORS, PROGRAMME_MANAGERS


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
