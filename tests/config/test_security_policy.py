"""The site's pages carry a strict Content-Security-Policy; the admin's a looser one."""

import pytest

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
