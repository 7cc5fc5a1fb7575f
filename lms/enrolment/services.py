"""Enrolling learners in programmes."""

from django.core.exceptions import PermissionDenied

from lms.models import Enrolment


def enrol(user, programme, source=Enrolment.Source.SELF, by=None):
    """Enrol a learner; an existing enrolment is left alone. Returns (enrolment, created)."""
    return Enrolment.objects.get_or_create(
        user=user, programme=programme, defaults={"source": source, "enrolled_by": by}
    )


def self_enrol(user, programme):
    if not programme.self_enrol:
        raise PermissionDenied(
            "This programme takes enrolments from programme managers only."
        )
    return enrol(user, programme)
