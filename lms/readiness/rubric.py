"""One learner's stretch-project rubric, criterion by criterion: the figures behind
the profile's "stretch projects" score, by the same rule (each approved project
in the cohort through its latest approving review), in two queries."""

from dataclasses import dataclass, field

from lms.models import Enrolment, StretchAssignment
from lms.readiness.scores import mean
from lms.readiness.sources import approved_ratings, latest_approvals

TITLE, MENTOR, CRITERION, APPROVED_AT = (
    "review__assignment__title",
    "review__assignment__mentor_id",
    "criterion__criterion",
    "review__created_at",
)


@dataclass
class ProjectRubric:
    """One approved project: its latest approving review's score per criterion."""

    pk: int
    title: str
    mentor_id: int | None
    approved_at: object
    criteria: list = field(default_factory=list)  # [(criterion, score)]
    competencies: list = field(default_factory=list)  # names it is tagged with

    @property
    def mean(self):
        return mean([score for _criterion, score in self.criteria])


def _pooled(pairs):
    """[(key, mean score, ratings)] by key, for [(key, score)]."""
    scores = {}
    for key, score in pairs:
        scores.setdefault(key, []).append(score)
    return [(key, mean(found), len(found)) for key, found in sorted(scores.items())]


@dataclass
class Rubric:
    projects: list  # ProjectRubric, oldest approval first

    @property
    def by_criterion(self):
        """[(criterion, mean score, ratings)]: criteria of the same name pooled."""
        return _pooled(pair for p in self.projects for pair in p.criteria)

    @property
    def by_competency(self):
        """[(competency, mean score, ratings)] over the projects tagged with it."""
        return _pooled(
            (name, score)
            for p in self.projects
            for name in p.competencies
            for _criterion, score in p.criteria
        )


def rubric_for(enrolment):
    """The learner's approved projects in their cohort, with their criteria."""
    members = Enrolment.objects.filter(pk=enrolment.pk)
    rows = approved_ratings(
        members, enrolment.cohort_id, TITLE, MENTOR, CRITERION, APPROVED_AT
    )
    projects = {}
    for assignment, (_learner, found) in latest_approvals(rows).items():
        _l, _a, _r, _s, title, mentor, _c, approved_at = found[0]
        project = ProjectRubric(assignment, title, mentor, approved_at)
        project.criteria = [(row[6], row[3]) for row in found]
        projects[assignment] = project
    if projects:
        tags = StretchAssignment.competencies.through.objects.filter(
            stretchassignment_id__in=list(projects)
        ).values_list("stretchassignment_id", "competency__name")
        for assignment, name in tags.order_by("competency__name"):
            projects[assignment].competencies.append(name)
    return Rubric(sorted(projects.values(), key=lambda p: (p.approved_at, p.pk)))
