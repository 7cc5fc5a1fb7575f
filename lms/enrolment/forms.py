"""Enrolment forms: a file of learners, or one learner by hand."""

from django import forms


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
