"""The learner's daily review pages, under /learn/review/."""

from django.urls import path

from lms.review import views

urlpatterns = [
    path("learn/review/", views.review, name="review"),
    path("learn/review/answers/", views.answer, name="review_answer"),
    path("learn/review/reminder/", views.reminder, name="review_reminder"),
]
