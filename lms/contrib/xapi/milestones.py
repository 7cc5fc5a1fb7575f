"""What a completed module brings about: the module's score, and whether it
finished its course or the whole programme."""

from courses.models import ModulePage
from lms.contrib.xapi import statements
from lms.models import CourseProgress, Enrolment, ModuleProgress


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


def completions(event, place):
    """Statements for the course and programme this completed module finished."""
    made = []
    course_id = place.course_page_id
    done = CourseProgress.objects.filter(
        enrolment_id=event.enrolment_id, course_id=course_id
    ).values_list("modules_completed", flat=True)
    in_course = ModulePage.objects.live().filter(path__startswith=place.course_path)
    if done and done[0] >= in_course.count():
        made.append(
            statements.course_completed(
                event.user_id, event.enrolment_id, place, event.occurred_at
            )
        )
        enrolment = Enrolment.objects.only("modules_completed").get(
            pk=event.enrolment_id
        )
        in_programme = ModulePage.objects.live().filter(
            path__startswith=place.programme_path
        )
        if enrolment.modules_completed >= in_programme.count():
            made.append(
                statements.programme_completed(
                    event.user_id, event.enrolment_id, place, event.occurred_at
                )
            )
    return made
