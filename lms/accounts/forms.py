"""The password-reset form: it also reaches accounts that never had a password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm


class LearnerPasswordResetForm(PasswordResetForm):
    """Django's form, minus its rule that the account already has a usable password.

    Enrolment creates accounts without one and invites them; a learner who lost
    the invitation sets their first password here. Whether an address has an
    account is never shown: the page that follows is the same either way.
    """

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True
        )
        return (user for user in users if user.email.casefold() == email.casefold())
