"""The pages anyone may open without signing in: what a credential's ids name
(the issuer profile, achievement, image and competencies), the published keys
and status lists, each credential's verification page, and the form that
verifies a pasted or uploaded credential."""

from datetime import datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from courses.models import Competency
from lms.contrib.badges import keys, status_list, verification
from lms.contrib.badges.baking import unbake
from lms.contrib.badges.conf import issuer_name
from lms.contrib.badges.credentials import (
    CONTEXT,
    achievement_of,
    credential_url,
    identity_hash,
    issuer_profile,
)
from lms.contrib.badges.forms import HolderForm, VerifyForm
from lms.contrib.badges.images import badge_png
from lms.contrib.badges.models import BadgeAward, BadgeClass

LD_JSON = "application/ld+json"


def _json(data, content_type="application/json"):
    response = JsonResponse(
        data, content_type=content_type, json_dumps_params={"indent": 2}
    )
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch from anywhere
    return response


@require_GET
def issuer(request):
    return _json(issuer_profile(), LD_JSON)


@require_GET
def jwks(request):
    return _json(keys.jwks(), "application/jwk-set+json")


@require_GET
def status_list_view(request, list_number):
    last = BadgeAward.objects.order_by("-pk").values_list("pk", flat=True).first()
    if list_number > (last or 0) // status_list.size():
        raise Http404("No such status list.")
    response = HttpResponse(
        status_list.signed_list(list_number), content_type="application/jwt"
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"  # a revocation shows at once
    return response


@require_GET
def achievement(request, pk):
    badge_class = get_object_or_404(BadgeClass, pk=pk)
    competencies = sorted(badge_class.competencies.all(), key=lambda c: c.name)
    return _json(
        {"@context": CONTEXT, **achievement_of(badge_class, competencies)}, LD_JSON
    )


@require_GET
def class_image(request, pk):
    badge_class = get_object_or_404(BadgeClass.objects.select_related("image"), pk=pk)
    response = HttpResponse(badge_png(badge_class), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def competency(request, slug):
    found = get_object_or_404(Competency, slug=slug)
    return _json(
        {
            "name": found.name,
            "description": found.description,
            "skillArea": found.get_skill_area_display(),
            "levels": [
                {"level": level, "description": text} for level, text in found.anchors
            ],
        }
    )


@require_http_methods(["GET", "POST"])
def credential(request, credential_id):
    """The credential's public page: its verdict, checked now from its signed
    JWT and the status list; POST compares an email with its hashed holder."""
    award = get_object_or_404(
        BadgeAward.objects.select_related("badge_class", "learner"),
        credential_id=credential_id,
    )
    verdict = verification.verify(award.credential_jwt)
    form, match = HolderForm(), None
    if request.method == "POST":
        form = HolderForm(request.POST)
        if form.is_valid():
            match = _holds(verdict.claims, form.cleaned_data["email"])
    context = {
        "award": award,
        "verdict": verdict,
        "subject": _summary(verdict.claims),
        "holder": award.learner.get_full_name(),
        "issuer_name": issuer_name(),
        "page_url": credential_url(award),
        "form": form,
        "match": match,
        "status": 400 if form.errors else 200,
    }
    return TemplateResponse(
        request, "lms_badges/credential.html", context, status=context["status"]
    )


def _holds(claims, email):
    """Whether the email, hashed with the credential's salt, is its holder's."""
    identities = ((claims or {}).get("credentialSubject") or {}).get("identifier") or []
    address = email.strip().lower()
    return any(
        isinstance(i, dict)
        and i.get("identityType") == "emailAddress"
        and i.get("identityHash") == identity_hash(address, i.get("salt", ""))
        for i in identities
    )


def _summary(claims):
    """What the page shows of a credential: its achievement and dates."""
    if not isinstance(claims, dict):
        return None
    subject = claims.get("credentialSubject") or {}
    found = subject.get("achievement") if isinstance(subject, dict) else None
    found = found if isinstance(found, dict) else {}
    criteria = found.get("criteria") if isinstance(found.get("criteria"), dict) else {}
    return {
        "name": str(found.get("name") or claims.get("name") or ""),
        "description": str(found.get("description") or ""),
        "criteria": str(criteria.get("narrative") or ""),
        "valid_from": _when(claims.get("validFrom")),
        "alignment": [
            str(a.get("targetName"))
            for a in found.get("alignment") or []
            if isinstance(a, dict) and a.get("targetName")
        ],
        "evidence": [
            str(e.get("narrative"))
            for e in claims.get("evidence") or []
            if isinstance(e, dict) and e.get("narrative")
        ],
    }


def _when(value):
    """A credential's date as a date, or as written when it is not one."""
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")


@require_http_methods(["GET", "POST"])
def verify(request):
    """Verify a credential pasted as text or uploaded (a baked PNG or a JWT file)."""
    form, verdict = VerifyForm(), None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES)
        if form.is_valid():
            token = _token_of(form)
            if token is None:
                form.add_error("file", "This image carries no baked credential.")
            else:
                verdict = verification.verify(token)
    context = {
        "form": form,
        "verdict": verdict,
        "subject": _summary(verdict.claims) if verdict else None,
        "issuer_name": issuer_name(),
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "lms_badges/verify.html", context, status=status)


def _token_of(form):
    """The compact JWT in the form: pasted, or read from the uploaded file."""
    text = (form.cleaned_data.get("credential") or "").strip()
    if text:
        return text
    data = form.cleaned_data["file"].read()
    if data.startswith(b"\x89PNG"):
        try:
            return unbake(data)
        except ValueError:
            return None
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        return ""
