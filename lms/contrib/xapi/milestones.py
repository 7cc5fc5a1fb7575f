"""What a completed module brings about: the module's score, and the statements
of the course and programme it finished (lms.progress.milestones tells which)."""

from lms.contrib.xapi import statements
from lms.models import ModuleProgress
from lms.progress.milestones import COURSE


def scores(events):
    """{(user, module): best score} for the completed events."""
    done = [e for e in events if e.kind == "completed"]
    if not done:
        return {}
    rows = ModuleProgress.objects.filter(
        user_id__in={e.user_id for e in done},
        module_id__in={e.module_id for e in done},
    ).values_list("user_id", "module_id", "best_score")
    return {(user, module): score for user, module, score in rows}


def completions(event, place, finished):
    """Statements for the course and programme this completed module finished
    (`finished`: its entries of lms.progress.milestones.finished_by)."""
    made = []
    for done in finished:
        build = (
            statements.course_completed
            if done.kind == COURSE
            else statements.programme_completed
        )
        made.append(build(event.user_id, event.enrolment_id, place, event.occurred_at))
    return made
