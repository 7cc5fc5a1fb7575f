"""The Mentoring admin area's URLs, under the `lms_mentoring` namespace."""

from django.urls import path

from lms.mentoring.admin_views import CompleteView, QueueView, ReviewView
from lms.mentoring.notes_views import AddNoteView, EditNoteView, LearnersView, NotesView

urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("projects/<int:pk>/", ReviewView.as_view(), name="review"),
    path("projects/<int:pk>/complete/", CompleteView.as_view(), name="complete"),
    path("learners/", LearnersView.as_view(), name="learners"),
    path("learners/<int:user_pk>/notes/", NotesView.as_view(), name="notes"),
    path("learners/<int:user_pk>/notes/add/", AddNoteView.as_view(), name="add_note"),
    path("notes/<int:pk>/", EditNoteView.as_view(), name="edit_note"),
]
