"""Sign-in, sign-out and the password pages, on Django's views with our templates."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from lms.accounts.forms import LearnerPasswordResetForm


class SignInView(auth_views.LoginView):
    template_name = "lms/login.html"


class PasswordResetView(auth_views.PasswordResetView):
    """Asks for an email address; the same answer whether or not it has an account."""

    form_class = LearnerPasswordResetForm
    template_name = "lms/accounts/password_reset_form.html"
    email_template_name = "lms/email/password_reset.txt"
    html_email_template_name = "lms/email/password_reset.html"
    subject_template_name = "lms/email/password_reset_subject.txt"
    success_url = reverse_lazy("lms:password_reset_done")

    @property
    def extra_email_context(self):
        # Links go to the site's public address, not whatever Host the request named.
        return {
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "lms/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Sets the password from an invitation or a reset link, then signs the user in."""

    template_name = "lms/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("lms:password_reset_complete")
    post_reset_login = True

    @property
    def post_reset_login_backend(self):
        # The site's own sign-in backend, after any throttling backend before it.
        return settings.AUTHENTICATION_BACKENDS[-1]


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "lms/accounts/password_reset_complete.html"
