from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("glossary/", views.glossary, name="glossary"),
    path("search/", views.search, name="search"),
    path("glossary/<slug:slug>/", views.glossary_term, name="glossary_term"),
]
