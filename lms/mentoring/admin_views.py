"""The mentor's pages in the admin: review queue, rubric reviews, sign-off, coaching notes.

Every view checks the role first (PermissionDenied, which the admin turns
into "you do not have permission") and then the object: a project, learner
or note outside the user's reach is a 404, so its existence is not revealed.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from lms.core.people import display_name
from lms.mentoring import notes as coaching
from lms.models import (
    CoachingNote,
    Cohort,
    Review,
    StretchAssignment,
)
from lms.stretch import reviews
from lms.stretch.states import (
    coached_learners,
    project_contents,
    transition,
)

NAMESPACE = "lms_mentoring"
# The roles, as the permissions their groups hold (lms.roles): mentors review,
# programme managers view their cohorts. Superusers hold both.
MENTORING_PERMISSION = "lms.add_review"
MANAGING_PERMISSION = "lms.view_cohort"
Status = StretchAssignment.Status


def mentoring_url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


class MentoringMenuItem(MenuItem):
    """Shown to mentors (and superusers) only."""

    def is_shown(self, request):
        return request.user.has_perm(MENTORING_PERMISSION)


# Forms


class ReviewForm(forms.Form):
    """A 1-4 score and a comment per rubric criterion, and an overall comment.

    The outcome comes from the submit button pressed.
    """

    outcome = forms.ChoiceField(
        choices=Review.Outcome.choices,
        error_messages={"required": "Choose to approve or to request changes."},
    )
    comment = forms.CharField(
        label="Overall comment",
        required=False,
        max_length=reviews.REVIEW_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you request changes: say what to change.",
    )

    def __init__(self, criteria, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.criterion,
                choices=[(n, f"{n} – {label}") for n, label in reviews.SCORES.items()],
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"Comment on {criterion.criterion}",
                required=False,
                max_length=reviews.RATING_COMMENT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rubric(self):
        """(criterion, score field, comment field) for the template."""
        return [
            (c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria
        ]

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            score = cleaned.get(f"score_{criterion.pk}")
            if cleaned.get(f"comment_{criterion.pk}") and score in (None, ""):
                self.add_error(
                    f"score_{criterion.pk}", "Give a score to go with your comment."
                )
        return cleaned

    def ratings(self):
        """{criterion pk: (score, comment)} for the criteria given a score."""
        found = {}
        for criterion in self.criteria:
            score = self.cleaned_data.get(f"score_{criterion.pk}")
            if score not in (None, ""):
                comment = self.cleaned_data.get(f"comment_{criterion.pk}", "")
                found[criterion.pk] = (score, comment)
        return found


class NoteForm(forms.ModelForm):
    """A coaching note; the cohort is asked for only when the mentor coaches the
    learner in more than one."""

    class Meta:
        model = CoachingNote
        fields = coaching.EDITABLE_FIELDS
        labels = {"held_on": "Conversation date"}
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                name: forms.Textarea(attrs={"rows": 4}) for name in coaching.GROW_FIELDS
            },
        }

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        for stage in coaching.GROW:
            self.fields[stage.field].label = stage.label
            self.fields[stage.field].help_text = stage.summary
        if len(cohorts) > 1:
            self.fields["cohort"] = forms.TypedChoiceField(
                label="Cohort",
                coerce=int,
                choices=[(c.pk, c.name) for c in cohorts],
            )

    def stages(self):
        """(field, stage) pairs, so the template can show each stage's prompts."""
        return [(self[stage.field], stage) for stage in coaching.GROW]

    def note_fields(self):
        return {name: self.cleaned_data[name] for name in coaching.EDITABLE_FIELDS}


def add_errors(form, error):
    """Show a refusal from a service as the form's own errors."""
    if isinstance(error, PermissionDenied):
        form.add_error(None, "You may not do this on this project.")
    elif hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


# Views


class MentoringView(WagtailAdminTemplateMixin, TemplateView):
    """Checks the role, then loads the view's object (a 404 when out of reach)."""

    roles = (MENTORING_PERMISSION,)
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not any(request.user.has_perm(role) for role in self.roles):
            raise PermissionDenied
        self.load_object(request.user)
        return super().dispatch(request, *args, **kwargs)

    def load_object(self, user):
        """Set the view's object from the URL; raise Http404 when it is out of reach."""

    @cached_property
    def is_mentor(self):
        return self.request.user.has_perm(MENTORING_PERMISSION)

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.is_mentor:
            items.append({"url": mentoring_url("queue"), "label": "Mentoring"})
        return items + self.extra_breadcrumbs()

    def extra_breadcrumbs(self):
        return [{"url": "", "label": self.get_page_title()}]

    def render_page(self, status=200, **context):
        return self.render_to_response(self.get_context_data(**context), status=status)


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


class LearnersView(MentoringView):
    """The learners this mentor coaches, with their notes."""

    template_name = "lms/admin/mentoring_learners.html"
    page_title = "My learners"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairs = coached_learners(self.request.user)
        users = get_user_model().objects.in_bulk({learner for learner, _c in pairs})
        cohorts = Cohort.objects.in_bulk({cohort for _l, cohort in pairs})
        notes = {
            row["learner_id"]: row
            for row in CoachingNote.objects.filter(
                mentor=self.request.user, learner_id__in=users
            )
            .values("learner_id")
            .annotate(count=Count("pk"), last=Max("held_on"))
        }
        rows = {}
        for learner_id, cohort_id in pairs:
            row = rows.setdefault(
                learner_id,
                {
                    "name": display_name(users[learner_id]),
                    "email": users[learner_id].email,
                    "cohorts": [],
                    "notes": notes.get(learner_id, {}).get("count", 0),
                    "last_note": notes.get(learner_id, {}).get("last"),
                    "notes_url": mentoring_url("notes", learner_id),
                    "add_url": mentoring_url("add_note", learner_id),
                },
            )
            row["cohorts"].append(cohorts[cohort_id].name)
        context["learners"] = sorted(rows.values(), key=lambda r: r["name"].casefold())
        return context


class LearnerNotesMixin:
    """Sets `self.learner` when the user may read notes about them (else a 404)."""

    def load_learner(self, user):
        self.learner = get_object_or_404(get_user_model(), pk=self.kwargs["user_pk"])
        policy = policy_registry.get_by_type(CoachingNote)
        if not policy.may_open_notes_about(user, self.learner):
            raise Http404

    @property
    def learner_name(self):
        return display_name(self.learner)

    def notes_crumb(self):
        return {
            "url": mentoring_url("notes", self.learner.pk),
            "label": f"Notes on {self.learner_name}",
        }


class NotesView(LearnerNotesMixin, MentoringView):
    """Notes about one learner that the user may read, newest first."""

    roles = (MENTORING_PERMISSION, MANAGING_PERMISSION)
    template_name = "lms/admin/mentoring_notes.html"
    page_title = "Coaching notes"

    def load_object(self, user):
        self.load_learner(user)

    def get_page_subtitle(self):
        return self.learner_name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        notes = list(coaching.notes_about(user, self.learner))
        for note in notes:
            note.parts = [
                (stage.label, getattr(note, stage.field)) for stage in coaching.GROW
            ]
            if note.mentor_id == user.pk:
                note.edit_url = mentoring_url("edit_note", note.pk)
        context.update(
            learner_name=self.learner_name,
            notes=notes,
            add_url=(
                mentoring_url("add_note", self.learner.pk)
                if coaching.coaching_cohorts(user, self.learner)
                else ""
            ),
        )
        return context


class AddNoteView(LearnerNotesMixin, MentoringView):
    """A new note about a learner the mentor coaches."""

    template_name = "lms/admin/mentoring_note_form.html"
    page_title = "New coaching note"

    def load_object(self, user):
        self.learner = get_object_or_404(get_user_model(), pk=self.kwargs["user_pk"])
        cohort_ids = coaching.coaching_cohorts(user, self.learner)
        if not cohort_ids:
            raise Http404
        self.cohorts = list(Cohort.objects.filter(pk__in=cohort_ids).order_by("pk"))

    def get_page_subtitle(self):
        return self.learner_name

    def extra_breadcrumbs(self):
        return [self.notes_crumb(), {"url": "", "label": "New note"}]

    def make_form(self, data=None):
        return NoteForm(data, cohorts=self.cohorts)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.make_form())
        context = super().get_context_data(**kwargs)
        context.update(
            learner_name=self.learner_name,
            cancel_url=mentoring_url("notes", self.learner.pk),
            submit_label="Save note",
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.render_page(form=form)
        try:
            self.save(form)
        except (ValidationError, PermissionDenied) as error:
            add_errors(form, error)
            return self.render_page(form=form)
        messages.success(request, f"Note on {self.learner_name} saved.")
        return redirect(mentoring_url("notes", self.learner.pk))

    def save(self, form):
        return coaching.create_note(
            self.request.user,
            self.learner,
            cohort_id=form.cleaned_data.get("cohort"),
            **form.note_fields(),
        )


class EditNoteView(AddNoteView):
    """Change a note; only the mentor who wrote it reaches this page."""

    page_title = "Edit coaching note"

    def load_object(self, user):
        self.note = get_object_or_404(
            CoachingNote.objects.select_related("learner", "cohort").filter(
                mentor=user
            ),
            pk=self.kwargs["pk"],
        )
        self.learner = self.note.learner

    def extra_breadcrumbs(self):
        return [self.notes_crumb(), {"url": "", "label": "Edit note"}]

    def make_form(self, data=None):
        # A copy, so a refused edit leaves the stored note as it was.
        note = CoachingNote.objects.get(pk=self.note.pk)
        return NoteForm(data, instance=note)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(note=self.note, submit_label="Save changes")
        return context

    def save(self, form):
        return coaching.update_note(self.note, self.request.user, **form.note_fields())


urlpatterns = [
    path("", QueueView.as_view(), name="queue"),
    path("projects/<int:pk>/", ReviewView.as_view(), name="review"),
    path("projects/<int:pk>/complete/", CompleteView.as_view(), name="complete"),
    path("learners/", LearnersView.as_view(), name="learners"),
    path("learners/<int:user_pk>/notes/", NotesView.as_view(), name="notes"),
    path("learners/<int:user_pk>/notes/add/", AddNoteView.as_view(), name="add_note"),
    path("notes/<int:pk>/", EditNoteView.as_view(), name="edit_note"),
]


def _contents(project):
    """The project's milestones and evidence, and its reviews newest first."""
    contents = project_contents(project, newest_review_first=True)
    contents["past_reviews"] = contents.pop("reviews")
    return contents
