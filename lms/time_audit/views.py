"""The learner's time-audit pages under /learn/time/: the overview, a week's entry,
the choices and the value ranking. Each works with plain forms, no JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.signing import BadSignature
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from lms.time_audit import reminders, services
from lms.time_audit.categories import VERSIONS, parse_week, week_label
from lms.time_audit.forms import ProfileForm, RankingForm, WeekForm
from lms.time_audit.overview import audit_overview


def _needs_profile(request):
    messages.info(request, "First choose your categories and your contracted week.")
    return redirect(f"{reverse('lms:time_audit_settings')}?next={request.path}")


@login_required
def overview(request):
    profile = services.profile_for(request.user)
    if profile is None:
        return _needs_profile(request)
    context = audit_overview(profile, services.weeks_of(request.user))
    this_week = services.this_week()
    context.update(
        this_week_label=week_label(this_week),
        this_week_logged=bool(
            context["latest"] and context["latest"].week_start == this_week
        ),
        own=True,
    )
    return render(request, "lms/time_audit/overview.html", context)


def _week_or_404(label):
    monday = parse_week(label)
    if monday is None or monday > services.this_week():
        raise Http404("No such week to log.")
    return monday


@login_required
def pick_week(request):
    """The overview's "another week" form: a GET with ?week=2026-W48."""
    monday = parse_week(request.GET.get("week", "").strip().upper())
    if monday is None or monday > services.this_week():
        message = "Choose a week that has started, written like 2026-W48."
        return render(request, "lms/error.html", {"message": message}, status=400)
    return redirect("lms:time_audit_week", label=week_label(monday))


@login_required
@require_http_methods(["GET", "POST"])
def week(request, label):
    """Log a week, or correct one logged before; the form keeps its own version."""
    monday = _week_or_404(label)
    profile = services.profile_for(request.user)
    if profile is None:
        return _needs_profile(request)
    existing = services.week_of(request.user, monday)
    version = existing.categories if existing else profile.categories
    if request.method == "POST":
        form = WeekForm(version, request.POST)
        if form.is_valid():
            return _save_week(request, profile, monday, version, form)
        status = 400
    else:
        form = WeekForm(version, initial=_initial(existing, profile))
        status = 200
    context = {
        "form": form,
        "label": week_label(monday),
        "monday": monday,
        "existing": existing,
        "version": version,
        "profile": profile,
    }
    return render(request, "lms/time_audit/week.html", context, status=status)


def _initial(existing, profile):
    if existing is None:
        return {"shared": profile.share_always}
    values = {f"hours_{n}": getattr(existing, f"hours_{n}") for n in range(1, 6)}
    values.update(
        in_work=existing.in_work,
        leading=existing.leading,
        note=existing.note,
        shared=existing.shared,
    )
    return values


def _save_week(request, profile, monday, version, form):
    data = form.cleaned_data
    # A correction keeps the week's own categories, even after a change of version.
    profile.version = version.key
    week = services.save_week(
        request.user,
        profile,
        monday,
        data["hours"],
        data["in_work"],
        data["leading"],
        note=data["note"],
        shared=data["shared"],
    )
    messages.success(request, f"Saved {week_label(monday)}: {week.total} hours.")
    return redirect("lms:time_audit")


@login_required
@require_http_methods(["GET", "POST"])
def settings(request):
    profile = services.profile_for(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.save_profile(
                request.user, reminders_off=data["reminder_day"] is None, **data
            )
            messages.success(request, "Your choices are saved.")
            return redirect(_next(request))
        status = 400
    else:
        form = ProfileForm(initial=_profile_initial(profile))
        status = 200
    context = {"form": form, "profile": profile, "next": _next(request)}
    return render(request, "lms/time_audit/settings.html", context, status=status)


def _profile_initial(profile):
    if profile is None:
        return {"version": "agent", "contracted_hours": 40, "sacred_goal": 0}
    return {name: getattr(profile, name) for name in services.PROFILE_FIELDS}


def _next(request):
    """Only our own pages are followed after saving."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    return wanted if wanted.startswith("/learn/time/") else reverse("lms:time_audit")


@login_required
@require_http_methods(["GET", "POST"])
def values(request):
    """Rank the categories of the current version by how much they matter to you."""
    profile = services.profile_for(request.user)
    if profile is None:
        return _needs_profile(request)
    version = VERSIONS[profile.version]
    if request.method == "POST":
        form = RankingForm(version, request.POST)
        if form.is_valid():
            services.save_profile(request.user, ranking=form.cleaned_data["ranking"])
            messages.success(request, "Your ranking is saved.")
            return redirect("lms:time_audit")
        status = 400
    else:
        ranking = profile.value_ranking()
        initial = {f"rank_{n}": key for n, key in enumerate(ranking, start=1)}
        form = RankingForm(version, initial=initial)
        status = 200
    context = {"form": form, "version": version}
    return render(request, "lms/time_audit/values.html", context, status=status)


@require_http_methods(["GET", "POST"])
def reminders_off(request, token):
    """The reminder email's opt-out link: confirm with a POST, then no more reminders."""
    try:
        user_pk = reminders.user_pk_for(token)
    except BadSignature:
        message = "This link is not valid. Copy the whole link from the email."
        return render(request, "lms/error.html", {"message": message}, status=400)
    done = request.method == "POST"
    if done:
        reminders.turn_off(user_pk)
    return render(request, "lms/time_audit/reminders_off.html", {"done": done})
