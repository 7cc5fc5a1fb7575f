from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem

from lms.contrib.xapi.views import status_view

app_name = "lms_xapi"
urls = [path("", status_view, name="status")]


@hooks.register("register_admin_urls")
def xapi_urls():
    return [path("xapi/", include((urls, "lms_xapi"), namespace="lms_xapi"))]


@hooks.register("register_reports_menu_item")
def xapi_menu_item():
    return AdminOnlyMenuItem(
        "xAPI statements", reverse("lms_xapi:status"), icon_name="upload", order=900
    )
