from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "lms"

urlpatterns = [
    path("learn/", views.home, name="home"),
    path("learn/events/", views.post_event, name="event"),
    path("learn/actions/", views.add_action, name="add_action"),
    path("learn/actions/<int:pk>/", views.update_action, name="update_action"),
    path("learn/enrol/<int:programme_id>/", views.enrol, name="enrol"),
    path("learn/journal/", views.journal, name="journal"),
    path("learn/journal/<int:pk>/", views.edit_entry, name="edit_entry"),
    path("learn/nudges/off/<str:token>/", views.nudges_off, name="nudges_off"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="lms/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
