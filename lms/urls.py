from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.accounts.urls import urlpatterns as accounts_urls
from lms.assessment.urls import urlpatterns as assessment_urls
from lms.learner import views
from lms.notifications import views as notification_views
from lms.practice.urls import urlpatterns as practice_urls
from lms.review.urls import urlpatterns as review_urls
from lms.stretch import calendar_views
from lms.stretch import views as project_views
from lms.time_audit.urls import urlpatterns as time_audit_urls

app_name = "lms"

urlpatterns = [
    path("learn/", views.home, name="home"),
    path("learn/events/", views.post_event, name="event"),
    path("learn/actions/", views.add_action, name="add_action"),
    path("learn/actions/<id:pk>/", views.update_action, name="update_action"),
    path("learn/enrol/<id:programme_id>/", views.enrol, name="enrol"),
    path("learn/journal/", views.journal, name="journal"),
    path("learn/journal/<id:pk>/", views.edit_entry, name="edit_entry"),
    path(
        "learn/nudges/off/<str:token>/",
        notification_views.nudges_off,
        name="nudges_off",
    ),
    path("learn/projects/", project_views.projects, name="projects"),
    path("learn/projects/<id:pk>/", project_views.project, name="project"),
    path("learn/projects/<id:pk>/start/", project_views.start, name="project_start"),
    path(
        "learn/projects/<id:pk>/milestones/<id:milestone_pk>/",
        project_views.toggle_milestone,
        name="project_milestone",
    ),
    path(
        "learn/projects/<id:pk>/evidence/",
        project_views.add_evidence,
        name="project_evidence",
    ),
    path("learn/projects/<id:pk>/submit/", project_views.submit, name="project_submit"),
    path(
        "learn/projects/files/<id:pk>/",
        project_views.evidence_file,
        name="evidence_file",
    ),
    path("learn/calendar/", calendar_views.calendar, name="calendar"),
    path(
        "learn/calendar/regenerate/",
        calendar_views.calendar_regenerate,
        name="calendar_regenerate",
    ),
    path(
        "learn/calendar/<str:token>.ics",
        calendar_views.calendar_feed,
        name="calendar_feed",
    ),
]
urlpatterns += (
    accounts_urls + practice_urls + time_audit_urls + review_urls + assessment_urls
)
