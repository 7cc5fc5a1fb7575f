"""The learner's own badges: the list, each badge with its public link, the
LinkedIn link and the evidence choice, and the downloads (the credential as
JSON and as a VC-JWT, the baked PNG, a programme's PDF certificate).

Every page is the award's learner's alone (the "own" action of the award
policy): anyone else gets a 404, so they cannot tell the award exists.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from lms.contrib.badges import awards, signing
from lms.contrib.badges.baking import bake
from lms.contrib.badges.certificate import certificate_pdf
from lms.contrib.badges.conf import issuer_name
from lms.contrib.badges.credentials import credential_url
from lms.contrib.badges.forms import ConsentForm
from lms.contrib.badges.images import badge_png
from lms.contrib.badges.models import BadgeClass
from lms.contrib.badges.policies import OWN, awards_for
from lms.contrib.badges.sharing import linkedin_url

Kind = BadgeClass.Kind


def _own(request, credential_id):
    awards_of = awards_for(request.user, OWN).select_related("badge_class")
    return get_object_or_404(awards_of, credential_id=credential_id)


def _in_force(request, credential_id):
    """The learner's award if it is not revoked: a revoked one is not handed out."""
    award = _own(request, credential_id)
    if award.revoked:
        raise Http404("This badge was revoked.")
    return award


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _stem(award):
    return f"badge-{award.credential_id}"


@login_required
@require_GET
def mine(request):
    badges = awards_for(request.user, OWN).select_related("badge_class")
    return TemplateResponse(
        request,
        "lms_badges/mine.html",
        {"awards": list(badges.order_by("-awarded_at")), "issuer_name": issuer_name()},
    )


@login_required
@require_GET
def mine_one(request, credential_id):
    award = _own(request, credential_id)
    return _detail(
        request, award, ConsentForm(initial={"share_evidence": award.share_evidence})
    )


def _detail(request, award, form, status=200):
    context = {
        "award": award,
        "share_url": credential_url(award),
        "linkedin_url": linkedin_url(award),
        "consent_form": form if award.badge_class.kind == Kind.PROJECT else None,
        "has_certificate": award.badge_class.kind == Kind.PROGRAMME,
        "issuer_name": issuer_name(),
    }
    return TemplateResponse(request, "lms_badges/mine_one.html", context, status=status)


@login_required
@require_POST
def consent(request, credential_id):
    award = _own(request, credential_id)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            awards.set_evidence_consent(
                award, request.user, form.cleaned_data["share_evidence"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            shared = form.cleaned_data["share_evidence"]
            messages.success(
                request,
                "Your credential now includes the rubric summary."
                if shared
                else "Your credential no longer includes the rubric summary.",
            )
            return redirect("lms_badges:mine_one", credential_id)
    return _detail(request, award, form, status=400)


@login_required
@require_GET
def download_jwt(request, credential_id):
    award = _in_force(request, credential_id)
    return _attachment(award.credential_jwt, "application/jwt", f"{_stem(award)}.jwt")


@login_required
@require_GET
def download_json(request, credential_id):
    """The credential as JSON, as signed (read back from its JWT)."""
    award = _in_force(request, credential_id)
    claims = signing.unverified_claims(award.credential_jwt)
    if claims is None:
        raise Http404("This credential has not been signed.")
    for claim in ("iss", "jti", "nbf", "sub"):
        claims.pop(claim, None)
    body = json.dumps(claims, indent=2, ensure_ascii=False)
    return _attachment(body, "application/ld+json", f"{_stem(award)}.json")


@login_required
@require_GET
def download_png(request, credential_id):
    """The badge image with the signed credential baked into it."""
    award = _in_force(request, credential_id)
    baked = bake(badge_png(award.badge_class), award.credential_jwt)
    return _attachment(baked, "image/png", f"{_stem(award)}.png")


@login_required
@require_GET
def certificate(request, credential_id):
    """A completed programme's PDF certificate, with a QR code to its page."""
    award = _in_force(request, credential_id)
    if award.badge_class.kind != Kind.PROGRAMME:
        raise Http404("Only a completed programme's badge has a certificate.")
    competencies = sorted(c.name for c in award.badge_class.competencies.all())
    programme = award.badge_class.page
    pdf = certificate_pdf(
        learner_name=request.user.get_full_name() or request.user.get_username(),
        programme_title=programme.title if programme else award.badge_class.name,
        completed_on=timezone.localdate(award.awarded_at),
        competencies=competencies,
        verify_url=credential_url(award),
        issuer_name=issuer_name(),
    )
    return _attachment(pdf, "application/pdf", f"certificate-{award.credential_id}.pdf")
