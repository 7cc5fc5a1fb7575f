"""Forms of the manager's stretch-project pages: assign, edit one assignment, filter."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as format_date
from wagtail.admin.widgets import AdminDateInput

from courses.models import Competency, StretchTemplate
from lms.core.people import display_name
from lms.models import AssignmentMilestone, Enrolment, StretchAssignment
from lms.stretch.states import ProjectBrief, assign

CUSTOM = "custom"
EVERYONE = "all"
CUSTOM_FIELDS = (
    "title",
    "purpose",
    "description",
    "milestones",
    "criteria",
    "competencies",
)
MAX_WEEK = 52
DAY = "j M Y"
Status = StretchAssignment.Status


def parse_lines(text, first, second, *, first_is_week=False):
    """Lines written as "first | second" into pairs; a bad line raises ValidationError.

    With `first_is_week` the first part must be a week number (the pair comes
    back as (title, week), the order ProjectBrief expects).
    """
    pairs, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        left, bar, right = (part.strip() for part in line.partition("|"))
        if first_is_week:
            if not bar or not left.isdigit() or not 1 <= int(left) <= MAX_WEEK:
                errors.append(
                    f'Line {number}: write "{first} | {second}", with a week '
                    f"from 1 to {MAX_WEEK}."
                )
            elif not right or len(right) > 200:
                errors.append(f"Line {number}: give a title of up to 200 characters.")
            else:
                pairs.append((right, int(left)))
        elif not left or len(left) > 120:
            errors.append(f"Line {number}: give a {first} of up to 120 characters.")
        else:
            pairs.append((left, right))
    if errors:
        raise ValidationError(errors)
    return tuple(pairs)


class AssignProjectForm(forms.Form):
    """A template (or a custom project) for one learner of the cohort, or all of them."""

    template = forms.ChoiceField(label="Project")
    title = forms.CharField(
        max_length=200, required=False, help_text="For a custom project only."
    )
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="For a custom project only: why this project stretches the learner.",
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="For a custom project only. Markdown.",
    )
    milestones = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text='For a custom project only. One a line: "week | title", '
        'e.g. "2 | Draft the slides".',
    )
    criteria = forms.CharField(
        label="Rubric criteria",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text='For a custom project only. One a line: "criterion | what strong '
        'work looks like".',
    )
    competencies = forms.ModelMultipleChoiceField(
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a custom project only; a template brings its own.",
    )
    target = forms.ChoiceField(label="Assign to")
    mentor = forms.ModelChoiceField(queryset=None)
    start_date = forms.DateField(widget=AdminDateInput, initial=timezone.localdate)
    due_date = forms.DateField(
        widget=AdminDateInput,
        required=False,
        help_text="Leave blank to use the template's suggested number of weeks.",
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort
        self.templates = {str(t.pk): t for t in StretchTemplate.objects.all()}
        self.fields["template"].choices = [
            ("", "Choose a project"),
            *((pk, t.title) for pk, t in self.templates.items()),
            (CUSTOM, "A custom project"),
        ]
        enrolments = (
            Enrolment.objects.filter(cohort=cohort)
            .select_related("user")
            .order_by("user__last_name", "user__first_name", "user__username")
        )
        self.learners = {str(e.user_id): e.user for e in enrolments}
        self.fields["target"].choices = [
            ("", "Choose who"),
            (EVERYONE, f"Everyone in the cohort ({len(self.learners)})"),
            *((pk, display_name(user)) for pk, user in self.learners.items()),
        ]
        self.fields["mentor"].queryset = cohort.mentors.order_by(
            "last_name", "first_name", "username"
        )

    def custom_fields(self):
        """The fields only a custom project uses, to group them on the page."""
        return [self[name] for name in CUSTOM_FIELDS]

    @property
    def is_custom(self):
        return self.cleaned_data.get("template") == CUSTOM

    def clean_milestones(self):
        return parse_lines(
            self.cleaned_data["milestones"], "week", "title", first_is_week=True
        )

    def clean_criteria(self):
        return parse_lines(self.cleaned_data["criteria"], "criterion", "description")

    def clean(self):
        data = super().clean()
        if "template" not in data:
            return data
        if self.is_custom:
            self._require_custom_parts(data)
        start, due = data.get("start_date"), data.get("due_date")
        if start and not due and not self.is_custom:
            weeks = self.templates[data["template"]].suggested_weeks
            data["due_date"] = due = start + timedelta(weeks=weeks)
        if start and due and due < start:
            self.add_error("due_date", "The due date must be on or after the start.")
        return data

    def _require_custom_parts(self, data):
        needed = {
            "title": "Give the custom project a title.",
            "purpose": "Say what the custom project is for.",
            "milestones": "Give the custom project at least one milestone.",
            "criteria": "Give the custom project at least one rubric criterion.",
            "due_date": "Give a custom project a due date.",
        }
        for name, message in needed.items():
            if name in data and not data[name]:
                self.add_error(name, message)

    def brief(self):
        data = self.cleaned_data
        if not self.is_custom:
            return ProjectBrief.from_template(self.templates[data["template"]])
        return ProjectBrief(
            title=data["title"],
            purpose=data["purpose"],
            description=data["description"],
            milestones=data["milestones"],
            criteria=data["criteria"],
            competencies=tuple(data["competencies"]),
        )

    def chosen_learners(self):
        target = self.cleaned_data["target"]
        if target == EVERYONE:
            return list(self.learners.values())
        return [self.learners[target]]

    def save(self, assigned_by):
        """Assign to everyone chosen, all or nothing; None (with form errors) if refused."""
        data = self.cleaned_data
        try:
            return assign(
                self.brief(),
                self.cohort,
                self.chosen_learners(),
                data["mentor"],
                data["start_date"],
                data["due_date"],
                assigned_by,
            )
        except ValidationError as error:
            self.add_error(None, error)
            return None


class AssignmentForm(forms.ModelForm):
    """One assignment's dates and mentor; the mentor is one of the cohort's."""

    class Meta:
        model = StretchAssignment
        fields = ["mentor", "start_date", "due_date"]
        widgets = {"start_date": AdminDateInput, "due_date": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mentor = self.fields["mentor"]
        mentor.required = True
        mentor.queryset = self.instance.cohort.mentors.order_by(
            "last_name", "first_name", "username"
        )


class MilestoneFormSetBase(forms.BaseInlineFormSet):
    """Milestones must fall within the project's (possibly just edited) dates."""

    def clean(self):
        super().clean()
        for form in self.initial_forms:
            # Django quietly skips a posted id outside this assignment's milestones
            # (forged, or deleted meanwhile); say so instead of half-saving.
            if form.instance.pk is None:
                form.add_error(
                    None, "This milestone is no longer part of the project: reload."
                )
        start, due = self.instance.start_date, self.instance.due_date
        if not (start and due) or due < start:
            return  # the assignment form already says what is wrong with them
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("due_date")
            if day and not start <= day <= due:
                form.add_error(
                    "due_date",
                    f"Pick a day from the project's start ({format_date(start, DAY)}) "
                    f"to its due date ({format_date(due, DAY)}).",
                )


MilestoneFormSet = forms.inlineformset_factory(
    StretchAssignment,
    AssignmentMilestone,
    formset=MilestoneFormSetBase,
    fields=["title", "due_date"],
    widgets={"due_date": AdminDateInput},
    extra=1,
    min_num=1,
    validate_min=True,
    can_delete=True,
)


class AssignmentEditor:
    """The edit form and the milestone formset of one assignment, saved together."""

    def __init__(self, assignment, data=None):
        self.form = AssignmentForm(data, instance=assignment, prefix="assignment")
        self.milestones = MilestoneFormSet(
            data, instance=assignment, prefix="milestones"
        )

    @property
    def media(self):
        """The date choosers' scripts and styles, for the page's head."""
        return self.form.media + self.milestones.media

    def is_valid(self):
        # The form first: it puts the new dates on the instance the formset checks.
        form_ok = self.form.is_valid()
        return self.milestones.is_valid() and form_ok

    def save(self):
        with transaction.atomic():
            assignment = self.form.save()
            self.milestones.save()
            _renumber(assignment)
        return assignment


def _renumber(assignment):
    """Keep milestones in date order, so an added one slots in where it falls."""
    milestones = list(assignment.milestones.order_by("due_date", "sort_order", "pk"))
    for order, milestone in enumerate(milestones):
        milestone.sort_order = order
    AssignmentMilestone.objects.bulk_update(milestones, ["sort_order"])
