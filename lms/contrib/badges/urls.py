"""The badge URLs: public ones under /badges/ (what credentials name, and
their verification), the learner's own under /learn/badges/."""

from django.urls import path

import lms.core.ids  # noqa: F401 - registers the `id` path converter
from lms.contrib.badges import learner_views, public_views

app_name = "lms_badges"

urlpatterns = [
    path("badges/issuer/", public_views.issuer, name="issuer"),
    path("badges/jwks.json", public_views.jwks, name="jwks"),
    path(
        "badges/status/<id:list_number>/",
        public_views.status_list_view,
        name="status_list",
    ),
    path("badges/achievements/<id:pk>/", public_views.achievement, name="achievement"),
    path(
        "badges/achievements/<id:pk>/image.png",
        public_views.class_image,
        name="class_image",
    ),
    path(
        "badges/competencies/<slug:slug>/", public_views.competency, name="competency"
    ),
    path(
        "badges/credentials/<uuid:credential_id>/",
        public_views.credential,
        name="credential",
    ),
    path("badges/verify/", public_views.verify, name="verify"),
    path("learn/badges/", learner_views.mine, name="mine"),
    path("learn/badges/<uuid:credential_id>/", learner_views.mine_one, name="mine_one"),
    path(
        "learn/badges/<uuid:credential_id>/evidence/",
        learner_views.consent,
        name="consent",
    ),
    path(
        "learn/badges/<uuid:credential_id>/credential.jwt",
        learner_views.download_jwt,
        name="download_jwt",
    ),
    path(
        "learn/badges/<uuid:credential_id>/credential.json",
        learner_views.download_json,
        name="download_json",
    ),
    path(
        "learn/badges/<uuid:credential_id>/badge.png",
        learner_views.download_png,
        name="download_png",
    ),
    path(
        "learn/badges/<uuid:credential_id>/certificate.pdf",
        learner_views.certificate,
        name="certificate",
    ),
]
