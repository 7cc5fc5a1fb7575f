"""The mentor's view of readiness: the learners they mentor, in every cohort, on
one grid of counts and one table, each learner linked to their profile.

Each learner is scored and boxed by their own programme's cut points, as their
cohort's grid places them, so one box means the same judgement whatever the
cohort. Only the mentor's own mentees are listed, even for a mentor who also
manages the cohort. The evidence costs the cohort grid's queries once per
cohort in which they mentor someone, whatever the number of mentees.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from lms.mentoring.base import MentoringView
from lms.models import Cohort, Enrolment
from lms.readiness.evidence import evidence_for_cohort, members_of
from lms.readiness.grid import BOX_NAMES
from lms.readiness.links import profile_urls
from lms.readiness.models import BOXES, Verdict
from lms.readiness.triage import next_step


def mentee_cohorts(user):
    """The cohorts in which the user mentors someone, newest first."""
    mentees = Enrolment.objects.filter(cohort_id=OuterRef("pk"), mentor=user)
    return Cohort.objects.filter(Exists(mentees)).order_by("-start_date", "name")


@dataclass
class MenteeRow:
    profile: object
    cohort: object
    step: object
    url: str

    @property
    def box(self):
        boxes = self.profile.boxes
        return BOX_NAMES[boxes] if boxes else "Not placed yet"

    @property
    def verdict(self):
        verdict = self.profile.verdict
        return Verdict(verdict).label if verdict else ""


def mentee_rows(user, today=None):
    """[MenteeRow] of the user's mentees, by cohort (newest first), then name."""
    profile_url = profile_urls()
    rows = []
    for cohort in mentee_cohorts(user):
        # The policy's view of the cohort, narrowed to the mentor's own mentees.
        members = members_of(cohort, viewer=user).filter(mentor=user)
        evidence = evidence_for_cohort(cohort, today=today, members=members)
        rows += [
            MenteeRow(p, cohort, next_step(p), profile_url(p.enrolment_id))
            for p in evidence.profiles
        ]
    return rows


def grid_counts(rows):
    """The grid as drawn (high potential first): rows of (key, name, count)."""
    counts = {}
    for row in rows:
        if row.profile.boxes:
            counts[row.profile.boxes] = counts.get(row.profile.boxes, 0) + 1
    return [
        [((p, q), BOX_NAMES[(p, q)], counts.get((p, q), 0)) for p in BOXES]
        for q in reversed(BOXES)
    ]


class MenteesReadinessView(MentoringView):
    """Mentors only (403 otherwise); lists nobody but the viewer's mentees."""

    template_name = "lms/readiness/mentees.html"
    page_title = "My mentees' readiness"
    header_icon = "crosshairs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = mentee_rows(self.request.user)
        context.update(
            rows=rows,
            boxes=grid_counts(rows),
            ready_now=sum(1 for r in rows if r.profile.verdict == Verdict.READY_NOW),
            unplaced=sum(1 for r in rows if not r.profile.boxes),
        )
        return context
