"""The readiness admin pages of one learner, under /admin/readiness/<enrolment>/ in
the `lms_readiness` namespace: the profile and the forms that post to it."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.readiness.form_views import ClearMoveView, MoveView, TraitsView, VerdictView
from lms.readiness.profile_views import ProfileView

urlpatterns = [
    path("<id:enrolment_pk>/", ProfileView.as_view(), name="profile"),
    path("<id:enrolment_pk>/traits/", TraitsView.as_view(), name="rate_traits"),
    path("<id:enrolment_pk>/verdict/", VerdictView.as_view(), name="verdict"),
    path("<id:enrolment_pk>/move/", MoveView.as_view(), name="move"),
    path("<id:enrolment_pk>/move/clear/", ClearMoveView.as_view(), name="clear_move"),
]
