"""A cohort's readiness profiles, every figure of both axes for each learner, in
eleven queries whatever the cohort's size: the programme with its settings, its
schedule, the enrolments, then one query per source (lms.readiness.sources).
The scoring rules are in lms.readiness.scores, the boxes in thresholds."""

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone

from courses.models import ProgrammePage
from lms.cohorts.schedule import expected_modules, schedule_for
from lms.cohorts.statuses import learner_status
from lms.models import Enrolment
from lms.readiness import sources
from lms.readiness.policies import viewable_enrolments
from lms.readiness.profiles import CompetencyEvidence, Profile
from lms.readiness.thresholds import axes, settings_for


@dataclass
class CohortEvidence:
    cohort: object
    settings: object  # ReadinessSettings, saved or the defaults
    expected: int  # modules a learner on schedule has completed today
    profiles: list  # Profile, by learner's name

    @property
    def thresholds(self):
        """(performance, potential) Thresholds."""
        return axes(self.settings)


def members_of(cohort, viewer=None):
    """The cohort's enrolments; only those `viewer` may see when one is given."""
    members = Enrolment.objects.filter(cohort=cohort)
    if viewer is not None:
        members = members.filter(pk__in=viewable_enrolments(viewer).values("pk"))
    return members


def evidence_for_cohort(cohort, today=None, now=None, viewer=None, members=None):
    """Every learner's profile, placed by the programme's cut points (of
    `members`, a queryset of the cohort's enrolments, when given)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    programme = _programme_of(cohort)
    settings = settings_for(programme)
    expected = expected_modules(cohort, schedule_for(programme), today)
    members = members_of(cohort, viewer) if members is None else members
    profiles = [_profile(row, expected) for row in sources.enrolment_rows(members)]
    _add_evidence(profiles, members, cohort, programme, today)
    performance, potential = axes(settings)
    began = timezone.make_aware(datetime.combine(cohort.start_date, time.min))
    for profile in profiles:
        profile.status = learner_status(profile, cohort, expected, now)
        profile.idle_days = max(0, (now - (profile.last_activity_at or began)).days)
        profile.place(performance, potential)
    return CohortEvidence(cohort, settings, expected, profiles)


def _programme_of(cohort):
    """The programme with its settings: as the cohort was read with them (the
    Readiness page's select_related), else in one query."""
    if type(cohort).programme.is_cached(cohort):
        programme = cohort.programme
        if ProgrammePage.readiness_settings.is_cached(programme):
            return programme
    return ProgrammePage.objects.select_related("readiness_settings").get(
        pk=cohort.programme_id
    )


def evidence_for_enrolment(enrolment, today=None, now=None):
    """(CohortEvidence, Profile) of one learner of a cohort, scored and placed as
    their cohort's grid places them, in the same queries as a whole cohort."""
    members = Enrolment.objects.filter(pk=enrolment.pk, cohort=enrolment.cohort_id)
    evidence = evidence_for_cohort(enrolment.cohort, today, now, members=members)
    return evidence, evidence.profiles[0]


def _profile(row, expected):
    pk, user_id, first, last, username, team, site, mentor_id, *rest = row
    mentor_first, mentor_last, mentor_username, *rollups = rest
    return Profile(
        pk,
        user_id,
        sources.full_name(first, last, username),
        team,
        site,
        mentor_id,
        sources.full_name(mentor_first, mentor_last, mentor_username),
        *rollups,
        expected=expected,
    )


def _add_evidence(profiles, members, cohort, programme, today):
    """Fill in each source's figures: every query runs, whatever it finds."""
    by_user = {p.user_id: p for p in profiles}
    by_enrolment = {p.enrolment_id: p for p in profiles}
    _add_competencies(by_user, sources.mastery_and_recall(members, programme))
    for user, mean in sources.rubric_means(members, cohort).items():
        by_user[user].rubric = mean
    for user, weeks in sources.sacred_streaks(members, today).items():
        by_user[user].streak = weeks
    for enrolment, role, trait, level in sources.trait_levels(members):
        by_enrolment[enrolment].traits[(role, trait)] = level
    for enrolment, verdict in sources.verdicts(members).items():
        by_enrolment[enrolment].verdict = verdict
    for enrolment, move in sources.moves_in_force(members).items():
        by_enrolment[enrolment].move = move
    for enrolment, (desire, levels) in sources.self_assessments(members).items():
        profile = by_enrolment[enrolment]
        profile.desire = desire
        for competency, level in levels.items():
            if competency in profile.competencies:
                profile.competencies[competency].self_level = level


def _add_competencies(by_user, rows):
    """Each learner's mastery and recall per competency, and their sums.

    The loop runs once per learner and competency and source (48,000 times
    for 2,000 learners), so it keeps to locals and sums once per learner."""
    sums = {}  # user -> [correct, answered, recall total, cards]
    for source, user, competency, name, count, total in rows:
        found = by_user[user].competencies
        evidence = found.get(competency)
        if evidence is None:
            evidence = found[competency] = CompetencyEvidence(competency, name)
        held = sums.get(user)
        if held is None:
            held = sums[user] = [0, 0, 0.0, 0]
        if source == sources.MASTERY:
            evidence.mastery = total / count
            held[0] += total
            held[1] += count
        else:
            evidence.recall = total / count
            held[2] += total
            held[3] += count
    for user, (correct, answered, recalled, cards) in sums.items():
        # The union makes PostgreSQL return counts as the recall side's floats.
        by_user[user].answers = (int(correct), int(answered))
        by_user[user].cards = (recalled, cards)
