"""The forms of the badge pages: verify a credential, check its holder, the
learner's evidence consent and a manager's revocation."""

from django import forms

from lms.contrib.badges.awards import REASON_MAX

MAX_UPLOAD = 2 * 1024 * 1024
MAX_TEXT = 64 * 1024


class VerifyForm(forms.Form):
    credential = forms.CharField(
        label="Paste a credential (the VC-JWT text)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
    )
    file = forms.FileField(
        label="Or upload a baked badge (PNG) or a .jwt file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jwt,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Upload a file of 2 MB or less.")
        return upload

    def clean(self):
        data = super().clean()
        pasted = (data.get("credential") or "").strip()
        if not self.errors and not pasted and not data.get("file"):
            raise forms.ValidationError("Paste a credential or upload a file.")
        return data


class HolderForm(forms.Form):
    email = forms.EmailField(
        label="The holder's email address", max_length=254, required=True
    )


class ConsentForm(forms.Form):
    share_evidence = forms.BooleanField(
        label="Include the project's rubric summary as evidence in this credential",
        required=False,
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Why is this badge revoked?",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Kept with the award and shown to the learner, not on the public page.",
    )
