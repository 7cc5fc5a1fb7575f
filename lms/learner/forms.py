"""The learner's journal form."""

from django import forms

from lms.models import JournalEntry


class JournalEntryForm(forms.ModelForm):
    class Meta:
        model = JournalEntry
        fields = ["text", "shared"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        labels = {
            "text": "Your reflection",
            "shared": "Share with my mentor and managers",
        }
