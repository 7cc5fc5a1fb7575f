"""Where each figure of a readiness profile leads: the page it rests on, among those
the viewer may open.

The learner's mentor opens the mentor's pages (the self-assessment beside the
evidence, the stretch reviews they gave, the time-audit weeks shared with
them); the cohort's managers (and superusers) open the cohort's pages (the
heat-map, the learner's page, the stretch projects, the time audit's
aggregates). One who is both gets both. A figure no page of theirs shows links
to the profile's own table of it.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from wagtail.permissions import policy_registry

from lms.mentoring.base import MANAGING_PERMISSION, MENTORING_PERMISSION
from lms.models import Cohort

NAMESPACE = "lms_readiness"  # the profile and its forms (lms.readiness.admin_urls)
COHORTS = "lms_cohorts"
STRETCH_PERMISSION = "lms.view_stretchassignment"
MENTEE_COMPETENCIES = "#competencies-heading"  # on the mentor's self-assessment page


def readiness_url(name, enrolment_pk):
    return reverse(f"{NAMESPACE}:{name}", args=[enrolment_pk])


def profile_urls():
    """A function giving the profile URL of any enrolment id, reversing once: a
    table of a thousand learners links every row."""
    marker = "2147483647"
    head, tail = readiness_url("profile", marker).split(marker)
    return lambda pk: f"{head}{pk}{tail}"


def opens_cohort(user, cohort_id):
    """Whether the cohort's own pages open for the user: their check, one query."""
    if not user.has_perm(MANAGING_PERMISSION):
        return False
    cohorts = policy_registry.get_by_type(Cohort).instances_user_has_permission_for(
        user, "view"
    )
    return cohorts.filter(pk=cohort_id).exists()


def mentors(user, enrolment):
    """Whether the user is the learner's mentor, in the role (no query)."""
    return enrolment.mentor_id == user.pk and user.has_perm(MENTORING_PERMISSION)


@dataclass
class ProfileLinks:
    """[(label, url)] per figure; `mentor` and `cohort` say which pages open."""

    enrolment: object
    viewer_id: int
    mentor: bool  # the viewer mentors the learner
    cohort: bool  # the viewer opens the cohort's pages
    stretch: bool = False  # ... and its stretch projects

    @classmethod
    def for_viewer(cls, user, enrolment):
        cohort = opens_cohort(user, enrolment.cohort_id)
        return cls(
            enrolment,
            user.pk,
            mentor=mentors(user, enrolment),
            cohort=cohort,
            stretch=cohort and user.has_perm(STRETCH_PERMISSION),
        )

    def _cohort(self, name, *args, query=None, anchor=""):
        url = reverse(f"{COHORTS}:{name}", args=[self.enrolment.cohort_id, *args])
        return url + (f"?{urlencode(query)}" if query else "") + anchor

    def _self_assessment(self, anchor=""):
        url = reverse("lms:assessment_mentee", args=[self.enrolment.pk])
        return ("Self-assessment and evidence", f"{url}{anchor}")

    def _heat_map(self, layer):
        query = {"heat": layer, "q": self.enrolment.user.email}
        url = self._cohort("dashboard", query=query, anchor="#heat-map")
        return ("Cohort heat-map", url)

    def _measured(self, layer, competency_id):
        anchor = (
            f"#competency-{competency_id}" if competency_id else MENTEE_COMPETENCIES
        )
        found = [self._self_assessment(anchor)] if self.mentor else []
        return found + ([self._heat_map(layer)] if self.cohort else [])

    def knowledge_checks(self, competency_id=None):
        return self._measured("mastery", competency_id)

    def recall(self, competency_id=None):
        return self._measured("recall", competency_id)

    def schedule(self):
        if self.cohort:
            url = self._cohort("learner", self.enrolment.pk, anchor="#modules")
            return [("Modules on the learner's page", url)]
        # Mentors have no page of a learner's modules: their list of learners.
        return (
            [("My learners", reverse("lms_mentoring:learners"))] if self.mentor else []
        )

    def project(self, project):
        found = []
        if self.mentor and project.mentor_id == self.viewer_id:
            found.append(("Review", reverse("lms_mentoring:review", args=[project.pk])))
        if self.stretch:
            found.append(("Project", self._cohort("project", project.pk)))
        return found

    def stretch_projects(self):
        if self.stretch:
            return [("Cohort's stretch projects", self._cohort("projects"))]
        return [("Rubric below", "#stretch")]

    def sacred_time(self):
        found = []
        if self.mentor:
            url = reverse("lms:time_audit_mentee", args=[self.enrolment.user_id])
            found.append(("Shared time-audit weeks", url))
        if self.cohort:
            # Managers see the audit's aggregates only, never one learner's weeks.
            found.append(("Cohort's time audit", self._cohort("time_audit")))
        return found

    def traits(self):
        return [("Trait ratings and their history", "#traits")]

    def desire(self):
        if self.mentor:
            return [self._self_assessment("#pipeline")]
        # Only the mentor opens the self-assessment: the answer is shown here.
        return [("Their answer, below", "#desire")]

    def calibration(self):
        if self.mentor:
            return [self._self_assessment(MENTEE_COMPETENCIES)]
        return [("Self-ratings beside the evidence below", "#competencies")]

    def grid(self):
        if self.cohort:
            return [("Cohort's readiness grid", self._cohort("readiness"))]
        return []
