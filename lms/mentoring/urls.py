"""The Mentoring admin area's URLs, under the `lms_mentoring` namespace."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.mentoring.admin_views import CompleteView, QueueView, ReviewView
from lms.mentoring.notes_views import AddNoteView, EditNoteView, LearnersView, NotesView

urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("projects/<id:pk>/", ReviewView.as_view(), name="review"),
    path("projects/<id:pk>/complete/", CompleteView.as_view(), name="complete"),
    path("learners/", LearnersView.as_view(), name="learners"),
    path("learners/<id:user_pk>/notes/", NotesView.as_view(), name="notes"),
    path("learners/<id:user_pk>/notes/add/", AddNoteView.as_view(), name="add_note"),
    path("notes/<id:pk>/", EditNoteView.as_view(), name="edit_note"),
]
