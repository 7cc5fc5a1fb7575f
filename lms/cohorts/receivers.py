"""Keep the cached course order of each programme in step with the page tree."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from courses.models import CoursePage, ProgrammePage
from lms.cohorts.schedule import forget_course_order


def _forget(instance, **kwargs):
    for programme in ProgrammePage.objects.ancestor_of(instance).only("pk"):
        forget_course_order(programme.pk)


def _forget_after_move(instance, parent_page_before, **kwargs):
    # A course may move between programmes: forget both orders.
    _forget(instance)
    forget_course_order(parent_page_before.pk)


def connect():
    for signal in (page_published, page_unpublished):
        signal.connect(
            _forget, sender=CoursePage, dispatch_uid=f"lms.course_order.{signal}"
        )
    post_delete.connect(
        _forget, sender=CoursePage, dispatch_uid="lms.course_order.delete"
    )
    post_page_move.connect(
        _forget_after_move, sender=CoursePage, dispatch_uid="lms.course_order.move"
    )
