"""The profile's forms, each posting to its own address: rate the four traits, give a
verdict (the mentor and the managers), move the learner to a box or hand them
back to the evidence (managers only).

Each finds the enrolment through its policy (out of reach: 404), checks the
form, then calls one service of lms.readiness.ratings, which adds history rows
and changes none. A refused form shows the profile again with what to put
right (400), having stored nothing. Two copies of the same post (a double
click, a retry) each add their row: both are kept, the newer counts, and as
they say the same, nothing it decides changes.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from wagtail.admin import messages

from lms.readiness import ratings
from lms.readiness.links import readiness_url
from lms.readiness.policies import movable_enrolment_or_404, ratable_enrolment_or_404
from lms.readiness.profile_views import FORMS, ProfileView


class JudgementView(ProfileView):
    """POST only: a form of the profile, its service, then back to the profile."""

    http_method_names = ["post"]
    prefix = ""
    anchor = ""

    def post(self, request, *args, **kwargs):
        form = FORMS[self.prefix](request.POST, prefix=self.prefix)
        if form.is_valid():
            try:
                self.save(form.cleaned_data, form)
            except ValidationError as error:
                # The models' own checks, should the form have let anything by.
                form.add_error(None, error.messages)
            else:
                messages.success(request, self.done(form.cleaned_data))
                url = readiness_url("profile", self.enrolment.pk)
                return redirect(f"{url}#{self.anchor}")
        context = self.get_context_data(bound=form)
        return self.render_to_response(context, status=400)

    def save(self, data, form):
        raise NotImplementedError

    def done(self, data):
        raise NotImplementedError


class RatingView(JudgementView):
    """The learner's mentor or a manager of their cohort, rating in that role."""

    def find(self, user, pk):
        enrolment, role = ratable_enrolment_or_404(user, pk)
        self.role = role  # fills ProfileView's cached property
        return enrolment


class TraitsView(RatingView):
    prefix = "traits"
    anchor = "traits"

    def save(self, data, form):
        user = self.request.user
        ratings.rate_traits(self.enrolment, user, self.role, form.ratings())

    def done(self, data):
        return "Your ratings of the four traits are saved."


class VerdictView(RatingView):
    prefix = "verdict"
    anchor = "profile-verdict"

    def save(self, data, form):
        user = self.request.user
        ratings.rate_readiness(
            self.enrolment, user, self.role, data["verdict"], data["comment"]
        )

    def done(self, data):
        return "Your readiness verdict is saved."


class ManagerView(JudgementView):
    """A manager of the learner's cohort only: anyone else gets a 404."""

    def find(self, user, pk):
        enrolment = movable_enrolment_or_404(user, pk)
        self.may_move = True  # fills ProfileView's cached property
        return enrolment


class MoveView(ManagerView):
    prefix = "move"
    anchor = "placement-section"

    def save(self, data, form):
        performance, potential = data["box"]
        ratings.move(
            self.enrolment, performance, potential, data["reason"], self.request.user
        )

    def done(self, data):
        return "The learner is moved; the move stays until you clear it."


class ClearMoveView(ManagerView):
    prefix = "clear"
    anchor = "placement-section"

    def save(self, data, form):
        if ratings.move_in_force(self.enrolment) is None:
            raise ValidationError("No move to clear: the evidence places them now.")
        ratings.clear_move(self.enrolment, data["reason"], self.request.user)

    def done(self, data):
        return "The learner is placed by the evidence again."
