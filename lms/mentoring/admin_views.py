"""The mentor's pages in the admin: review queue, rubric reviews, sign-off, coaching notes.

Every view checks the role first (PermissionDenied, which the admin turns
into "you do not have permission") and then the object: a project, learner
or note outside the user's reach is a 404, so its existence is not revealed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from wagtail.admin import messages
from wagtail.permissions import policy_registry

from lms.core.people import display_name
from lms.mentoring.base import (
    MANAGING_PERMISSION,
    MENTORING_PERMISSION,
    MentoringView,
    mentoring_url,
)
from lms.mentoring.forms import ReviewForm, add_errors
from lms.models import (
    StretchAssignment,
)
from lms.stretch import reviews
from lms.stretch.states import (
    project_contents,
    transition,
)

Status = StretchAssignment.Status


def mentored_projects(user):
    """Projects the user reviews: the ones they mentor (any, for a superuser)."""
    projects = StretchAssignment.objects.select_related("learner", "cohort")
    return projects if user.is_superuser else projects.filter(mentor=user)


class QueueView(MentoringView):
    """Submitted work waiting for this mentor, oldest first; then their other projects."""

    template_name = "lms/admin/mentoring_queue.html"
    page_title = "Review queue"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = StretchAssignment.objects.filter(
            mentor=self.request.user
        ).select_related("learner", "cohort")
        waiting = list(
            mine.filter(status=Status.SUBMITTED).order_by("submitted_at", "pk")
        )
        others = list(mine.exclude(status=Status.SUBMITTED).order_by("due_date", "pk"))
        today = timezone.localdate()
        for project in waiting + others:
            project.review_url = mentoring_url("review", project.pk)
            project.learner_name = display_name(project.learner)
            project.overdue = project.is_overdue(today)
        context.update(
            waiting=waiting, others=others, learners_url=mentoring_url("learners")
        )
        return context

    def extra_breadcrumbs(self):
        return [] if self.is_mentor else super().extra_breadcrumbs()


class ReviewView(MentoringView):
    """One project with its evidence and past reviews, and the rubric form."""

    template_name = "lms/admin/mentoring_review.html"
    page_title = "Review"

    def load_object(self, user):
        self.project = get_object_or_404(mentored_projects(user), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return self.project.title

    def get_context_data(self, **kwargs):
        project = self.project
        kwargs.setdefault("form", ReviewForm(project.criteria.all()))
        context = super().get_context_data(**kwargs)
        context.update(
            project=project,
            learner_name=display_name(project.learner),
            overdue=project.is_overdue(),
            **_contents(project),
            average=reviews.latest_average(project),
            waiting=project.status == Status.SUBMITTED,
            can_complete=project.status == Status.REVIEWED,
            complete_url=mentoring_url("complete", project.pk),
            notes_url=mentoring_url("notes", project.learner_id),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReviewForm(self.project.criteria.all(), request.POST)
        if not form.is_valid():
            return self.render_page(form=form)
        try:
            verdict = reviews.review(
                self.project,
                request.user,
                form.cleaned_data["outcome"],
                form.ratings(),
                form.cleaned_data["comment"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_errors(form, error)
            self.project.refresh_from_db()
            return self.render_page(form=form)
        messages.success(
            request,
            f"{verdict.get_outcome_display()}: {self.project.title} "
            f"for {display_name(self.project.learner)}.",
        )
        return redirect(mentoring_url("queue"))


class CompleteView(MentoringView):
    """Sign off an approved project as completed: its mentor or a cohort manager."""

    roles = (MENTORING_PERMISSION, MANAGING_PERMISSION)
    template_name = "lms/admin/mentoring_complete.html"
    page_title = "Sign off as completed"

    def load_object(self, user):
        allowed = policy_registry.get_by_type(
            StretchAssignment
        ).instances_user_has_permission_for(user, "complete")
        self.project = get_object_or_404(
            allowed.select_related("learner", "cohort"), pk=self.kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.project.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.project
        context.update(
            project=project,
            learner_name=display_name(project.learner),
            average=reviews.latest_average(project),
            can_complete=project.status == Status.REVIEWED,
            back_url=self.back_url(),
        )
        return context

    def back_url(self):
        if self.project.mentor_id == self.request.user.pk:
            return mentoring_url("review", self.project.pk)
        return ""

    def post(self, request, *args, **kwargs):
        try:
            self.project = transition(self.project, "complete", request.user)
        except (ValidationError, PermissionDenied) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else ""
            return self.render_page(
                status=400, error=message or "You may not sign this project off."
            )
        messages.success(
            request,
            f"{self.project.title} for {display_name(self.project.learner)} "
            "is signed off as completed.",
        )
        return redirect(self.back_url() or mentoring_url("complete", self.project.pk))


def _contents(project):
    """The project's milestones and evidence, and its reviews newest first."""
    contents = project_contents(project, newest_review_first=True)
    contents["past_reviews"] = contents.pop("reviews")
    return contents
