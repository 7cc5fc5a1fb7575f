"""The mentor's learners and their coaching notes: list, read, add, edit."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin import messages
from wagtail.permissions import policy_registry

from lms.core.people import display_name
from lms.mentoring import notes as coaching
from lms.mentoring.base import (
    MANAGING_PERMISSION,
    MENTORING_PERMISSION,
    MentoringView,
    mentoring_url,
)
from lms.mentoring.forms import NoteForm, add_errors
from lms.models import (
    CoachingNote,
    Cohort,
)
from lms.stretch.states import (
    coached_learners,
)


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
