"""Self-assessment data for bench.time_audit: the bench module tagged with
competencies of three skill areas, and three complete rounds per learner,
rated through the flow as the pages rate (so the gap picture reads what a
real learner would have), the first two backdated six and twelve weeks."""

from datetime import timedelta

COMPETENCIES = (
    ("bench-de-escalation", "De-escalation", "difficult-personalities"),
    ("bench-coaching", "Coaching conversations", "coaching"),
    ("bench-pivots", "Pivot tables", "advanced-excel"),
)
ROUNDS = 3


def tag_module(module):
    """Tag the module with the bench competencies, so its programme rates them."""
    from courses.models import Competency

    made = [
        Competency.objects.get_or_create(
            slug=slug, defaults={"name": name, "skill_area": area}
        )[0]
        for slug, name, area in COMPETENCIES
    ]
    module.competencies.set(made)
    return made


def rate_rounds(enrolment, rounds=ROUNDS):
    """`rounds` complete rounds, the learner rating themselves one level higher
    each time (capped at 4), the older ones backdated."""
    from django.utils import timezone

    from lms.assessment.flow import (
        programme_competencies,
        save_step,
        start_round,
        steps_for,
    )
    from lms.models import Assessment

    steps = steps_for([c for c, _n in programme_competencies(enrolment.programme)])
    for number in range(rounds):
        assessment = start_round(enrolment)
        level = min(4, 1 + number)
        for step in steps:
            levels = {key: level for key in step.keys}
            save_step(assessment, step, steps, levels, desire=3, reason="To grow.")
        weeks_ago = 6 * (rounds - 1 - number)
        Assessment.objects.filter(pk=assessment.pk).update(
            started_at=timezone.now() - timedelta(weeks=weeks_ago),
            completed_at=timezone.now() - timedelta(weeks=weeks_ago),
        )
