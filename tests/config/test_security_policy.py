"""The site's pages carry a strict Content-Security-Policy; the admin's a looser one."""

import pytest
from csp.constants import NONCE
from csp.decorators import csp_update
from django.http import HttpResponse
from django.test import override_settings

from lms.core.csp import SiteCSPMiddleware

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return dict(
        (part.split()[0], part.split()[1:]) for part in header.split("; ") if part
    )


def test_site_pages_allow_only_our_own_scripts_and_styles(client):
    policy = directives(client.get("/accounts/login/"))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_admin_also_allows_its_inline_scripts(admin_client):
    policy = directives(admin_client.get("/admin/"))

    assert "'unsafe-inline'" in policy["script-src"]
    assert "'self'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_a_changed_setting_changes_the_header(client):
    client.get("/accounts/login/")  # the header for the setting as it was
    changed = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https:"]}}

    with override_settings(CONTENT_SECURITY_POLICY=changed):
        policy = directives(client.get("/accounts/login/"))

    assert policy["img-src"] == ["https:"]
    assert "script-src" not in policy


def test_a_report_only_policy_gets_its_own_header(client):
    report_only = {"DIRECTIVES": {"default-src": ["'none'"]}}

    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=report_only):
        response = client.get("/accounts/login/")

    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_view_that_asks_for_its_own_policy_gets_it(rf):
    middleware = SiteCSPMiddleware(lambda request: HttpResponse())
    plain = csp_update({"img-src": ["https://img.example"]})(
        lambda request: HttpResponse()
    )
    request = rf.get("/learn/")
    middleware.process_request(request)

    policy = directives(middleware.process_response(request, plain(request)))

    assert policy["img-src"][-1] == "https://img.example"
    assert policy["script-src"] == ["'self'"]


def test_a_nonce_taken_by_a_template_is_in_the_header(rf):
    middleware = SiteCSPMiddleware(lambda request: HttpResponse())
    request = rf.get("/learn/")
    middleware.process_request(request)
    nonce = str(request.csp_nonce)
    changed = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}

    with override_settings(CONTENT_SECURITY_POLICY=changed):
        response = middleware.process_response(request, HttpResponse())

    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
