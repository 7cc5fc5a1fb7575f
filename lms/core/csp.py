"""The Content-Security-Policy: strict on the site's pages, loosened for the admin.

The learner pages run only our own scripts and styles, so they get `'self'`
and nothing inline. Wagtail's admin still writes a few inline scripts (date
choosers, inline panels) and inline styles, so under the admin's URL prefix
the policy also allows inline script and style; everything else stays the same.

The headers depend only on the settings and on whether the path is the admin's,
unless a view asked for its own policy (django-csp's decorators) or a template
took a nonce; so they are built once per (setting, admin or not) and reused.
Building them cost about as much as recording an event. Anything per-response
goes through django-csp unchanged.
"""

import http.client as http_client
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.urls import reverse

ADMIN_EXTRAS = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}

# What django-csp's decorators leave on a response to ask for its own policy.
PER_RESPONSE = tuple(
    f"_csp_{what}{ro}"
    for what in ("config", "update", "replace", "exempt")
    for ro in ("", "_ro")
)
SETTINGS = {
    HEADER: "CONTENT_SECURITY_POLICY",
    HEADER_REPORT_ONLY: "CONTENT_SECURITY_POLICY_REPORT_ONLY",
}
DEBUG_EXEMPT = (http_client.INTERNAL_SERVER_ERROR, http_client.NOT_FOUND)

_built = {}  # {is_admin: ((header, value, excluded prefixes), ...)}


def _forget(setting, **kwargs):
    if setting in SETTINGS.values() or setting == "ROOT_URLCONF":
        _built.clear()


setting_changed.connect(_forget)


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if _is_admin(request):
            parts.update = {**ADMIN_EXTRAS, **(parts.update or {})}
        return parts

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in PER_RESPONSE
        ):
            return super().process_response(request, response)
        if response.status_code in DEBUG_EXEMPT and settings.DEBUG:
            return response
        for header, value, excluded in self._headers(request, response):
            if header not in response and not request.path_info.startswith(excluded):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _headers(self, request, response):
        admin = _is_admin(request)
        if admin not in _built:
            _built[admin] = tuple(self._build(request, response))
        return _built[admin]

    def _build(self, request, response):
        for header, setting in SETTINGS.items():
            report_only = header == HEADER_REPORT_ONLY
            parts = self.get_policy_parts(request, response, report_only)
            value = build_policy(**asdict(parts), report_only=report_only)
            if value:
                policy = getattr(settings, setting, None) or {}
                excluded = tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ())
                yield header, value, excluded


def _is_admin(request):
    return request.path_info.startswith(reverse("wagtailadmin_home"))
