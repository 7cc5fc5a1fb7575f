from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.api import api

urlpatterns = [
    # First: the progress API is the busiest path, and resolving goes in order.
    # It keeps its own namespace (lms_api): django-ninja reverses its docs by it.
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("courses.urls")),
    path("", include("lms.urls")),
]

# Open Badges: the credentials' public URLs and the learner's badge pages.
if apps.is_installed("lms.contrib.badges"):
    urlpatterns.append(path("", include("lms.contrib.badges.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns.append(path("", include(wagtail_urls)))
