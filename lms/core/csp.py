"""The Content-Security-Policy: strict on the site's pages, loosened for the admin.

The learner pages run only our own scripts and styles, so they get `'self'`
and nothing inline. Wagtail's admin still writes a few inline scripts (date
choosers, inline panels) and inline styles, so under the admin's URL prefix
the policy also allows inline script and style; everything else stays the same.
"""

from csp.middleware import CSPMiddleware
from django.urls import reverse

ADMIN_EXTRAS = {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"]}


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            parts.update = {**ADMIN_EXTRAS, **(parts.update or {})}
        return parts
