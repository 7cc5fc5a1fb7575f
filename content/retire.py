"""Retire imported module pages whose file is gone: unpublish them, never delete.

Progress, spaced review and badges refer to module pages, so a module merged
into another keeps its page and its history; it only leaves the catalogue. A
file that comes back later is found again by its import key and republished.
"""

from courses.models import ModulePage

RETIRED = "retired"


def retire_missing_modules(course_page, kept_keys, report):
    """Unpublish live imported modules under a course that no file holds any more.

    `kept_keys` are the keys of every module in the curriculum, not just this
    course's, so a module moving to a later course is left for the move.
    """
    for page in ModulePage.objects.child_of(course_page).live():
        if page.import_key and page.import_key not in kept_keys:
            page.unpublish(log_action=True)
            report.add("module", RETIRED)
