"""Planning an upload: every row checked against the database in a few queries; nothing is written."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower

from lms.enrolment.bulk.outcomes import (
    STAFF_REFUSED,
    Outcome,
    Plan,
    RowOutcome,
)
from lms.models import Cohort, Enrolment
from lms.roles import MENTORS


def plan_enrolment(cohort, rows) -> Plan:
    """Check every row against the database in three queries; writes nothing."""
    keys = [_key(row.email) for row in rows]
    users = _accounts(get_user_model().objects.all(), filter(_is_email, keys))
    mentor_keys = filter(_is_email, (_key(row.mentor_email) for row in rows))
    mentors = _accounts(_mentor_candidates(cohort), mentor_keys)
    enrolled = dict(
        Enrolment.objects.filter(
            programme_id=cohort.programme_id,
            user__in=[found[0] for found in users.values() if len(found) == 1],
        ).values_list("user_id", "cohort_id")
    )
    rows_by_key = defaultdict(list)
    for row, key in zip(rows, keys, strict=True):
        rows_by_key[key].append(row.row)
    return Plan(
        [
            _plan_row(row, key, rows_by_key[key], users, mentors, enrolled, cohort)
            for row, key in zip(rows, keys, strict=True)
        ]
    )


def _plan_row(row, key, same_email, users, mentors, enrolled, cohort):
    problems = [*_email_problems(row, key, same_email, users), *_too_long(row)]
    mentor, problem = _mentor(row, key, mentors)
    problems += [problem] if problem else []
    planned = RowOutcome(row.row, row.email, Outcome.REJECT, "", row, mentor=mentor)
    if problems:
        planned.detail = " ".join(problems)
        return planned
    found = users.get(key)
    if not found:
        planned.outcome, planned.detail = Outcome.CREATE, "New account"
        return planned
    planned.user = found[0]
    if planned.user.is_staff or planned.user.is_superuser:
        planned.user, planned.detail = None, STAFF_REFUSED
        return planned
    if planned.user.pk in enrolled and enrolled[planned.user.pk] is None:
        # Self-enrolled learners keep their progress and join the cohort.
        planned.outcome = Outcome.ATTACH
        planned.detail = "Enrolled already, without a cohort: added to this cohort."
        return planned
    if planned.user.pk in enrolled:
        # Another manager's cohort is theirs to name, not this upload's.
        where = (
            "this cohort"
            if enrolled[planned.user.pk] == cohort.pk
            else "this programme"
        )
        planned.outcome = Outcome.SKIP
        planned.detail = f"Already enrolled in {where}: the enrolment is left as it is."
        return planned
    planned.outcome = Outcome.ENROL
    planned.detail = f"Existing account '{planned.user.get_username()}'"
    return planned


def _email_problems(row, key, same_email, users):
    if not key:
        return ["The email is missing."]
    if not _is_email(key):
        return [f"'{row.email}' is not a valid email address."]
    problems = []
    others = [str(number) for number in same_email if number != row.row]
    if others:
        problems.append(f"The same email is also on row {', '.join(others)}.")
    if len(users.get(key, ())) > 1:
        problems.append("Several accounts use this email: merge them first.")
    return problems


def _too_long(row):
    user_model = get_user_model()
    for name, model in (
        ("first_name", user_model),
        ("last_name", user_model),
        ("team", Enrolment),
        ("site", Enrolment),
    ):
        limit = model._meta.get_field(name).max_length
        if len(getattr(row, name)) > limit:
            label = name.replace("_", " ").capitalize()
            yield f"{label} is longer than {limit} characters."


def _mentor(row, key, mentors):
    """The row's mentor, or the problem with it."""
    mentor_key = _key(row.mentor_email)
    if not mentor_key:
        return None, None
    if not _is_email(mentor_key):
        return None, f"The mentor email '{row.mentor_email}' is not valid."
    if mentor_key == key:
        return None, "A learner cannot be their own mentor."
    found = mentors.get(mentor_key, [])
    if not found:
        return None, f"No account uses the mentor email '{row.mentor_email}'."
    if len(found) > 1:
        return None, f"Several accounts use the mentor email '{row.mentor_email}'."
    if not (found[0].in_mentors_group or found[0].in_cohort):
        return None, (
            f"{row.mentor_email} is not a mentor: add them to the Mentors group "
            "or to this cohort's mentors first."
        )
    return found[0], None


def _mentor_candidates(cohort):
    user_model = get_user_model()
    return user_model.objects.annotate(
        in_mentors_group=Exists(
            user_model.groups.through.objects.filter(
                user_id=OuterRef("pk"), group__name=MENTORS
            )
        ),
        in_cohort=Exists(
            Cohort.mentors.through.objects.filter(
                cohort_id=cohort.pk, user_id=OuterRef("pk")
            )
        ),
    )


def _accounts(queryset, keys):
    """Accounts by lower-cased email, in one query; several may share an email."""
    keys = set(keys)
    found = defaultdict(list)
    if keys:
        matching = queryset.annotate(email_key=Lower("email"))
        for user in matching.filter(email_key__in=keys).order_by("pk"):
            found[user.email_key].append(user)
    return found


def _key(email):
    return email.strip().lower()


def _is_email(key):
    if len(key) > get_user_model()._meta.get_field("email").max_length:
        return False
    try:
        validate_email(key)
    except ValidationError:
        return False
    return True
