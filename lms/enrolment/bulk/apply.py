"""Applying a plan: accounts, enrolments and invitations, all or nothing."""

import re
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.functions import Lower

from lms.enrolment.bulk.outcomes import (
    Outcome,
    Report,
    UploadRejected,
)
from lms.enrolment.bulk.plan import plan_enrolment
from lms.models import Enrolment
from lms.roles import LEARNERS
from lms.signals import learners_invited


def apply_plan(cohort, plan, by_user) -> Report:
    """Create the accounts and enrolments of a plan, all or nothing."""
    if plan.rejected:
        raise UploadRejected(plan)
    with transaction.atomic():
        # Checked again inside the transaction: accounts and enrolments may have
        # changed since the plan was made (a preview confirmed later, say).
        plan = plan_enrolment(cohort, [row.data for row in plan.rows])
        if plan.rejected:
            raise UploadRejected(plan)
        _create_accounts([row for row in plan.rows if row.outcome == Outcome.CREATE])
        enrolling = [
            row for row in plan.rows if row.outcome in (Outcome.CREATE, Outcome.ENROL)
        ]
        for row in plan.rows:
            if row.outcome == Outcome.ATTACH:
                Enrolment.objects.filter(
                    user=row.user, programme_id=cohort.programme_id
                ).update(
                    cohort=cohort,
                    mentor=row.mentor,
                    team=row.data.team,
                    site=row.data.site,
                )
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user=row.user,
                    programme_id=cohort.programme_id,
                    source=Enrolment.Source.MANAGER,
                    enrolled_by=by_user,
                    cohort=cohort,
                    mentor=row.mentor,
                    team=row.data.team,
                    site=row.data.site,
                )
                for row in enrolling
            ]
        )
        new_mentors = {
            row.mentor
            for row in plan.rows
            if row.outcome != Outcome.SKIP and row.mentor and not row.mentor.in_cohort
        }
        cohort.mentors.add(*new_mentors)
        _invite(cohort, enrolling, by_user)
    return Report(plan.rows)


def _invite(cohort, enrolling, by_user):
    """Ask for an invitation to every enrolled account that cannot sign in yet."""
    waiting = [row for row in enrolling if not row.user.has_usable_password()]
    for row in waiting:
        row.invited = True
        row.detail += ": an invitation to set a password is emailed"
    if waiting:
        learners_invited.send(
            sender=Enrolment,
            user_ids=[row.user.pk for row in waiting],
            programme_id=cohort.programme_id,
            invited_by_id=by_user.pk if by_user else None,
        )


def _create_accounts(rows):
    """Learner accounts without a usable password, for the rows' emails."""
    user_model = get_user_model()
    names = _usernames([row.data.email for row in rows])
    accounts = user_model.objects.bulk_create(
        [
            user_model(
                username=name,
                email=user_model.objects.normalize_email(row.data.email.strip()),
                first_name=row.data.first_name,
                last_name=row.data.last_name,
                password=make_password(None),
            )
            for row, name in zip(rows, names, strict=True)
        ]
    )
    learners = Group.objects.get_or_create(name=LEARNERS)[0]
    membership = user_model.groups.through
    membership.objects.bulk_create(
        [membership(user_id=account.pk, group_id=learners.pk) for account in accounts]
    )
    for row, account in zip(rows, accounts, strict=True):
        row.user = account
        row.detail = f"New account '{account.username}'"


def _usernames(emails):
    """A free username per email from its local part; a clash gets a random suffix."""
    user_model = get_user_model()
    bases = [_username_base(email) for email in emails]
    wanted = list(bases)
    chosen = [None] * len(emails)
    used = set()
    pending = range(len(emails))
    while pending:
        taken = used | set(
            user_model.objects.annotate(key=Lower("username"))
            .filter(key__in={wanted[i].lower() for i in pending})
            .values_list("key", flat=True)
        )
        retry = []
        for i in pending:
            if wanted[i].lower() in taken:
                wanted[i] = f"{bases[i][:143]}-{secrets.token_hex(3)}"
                retry.append(i)
            else:
                chosen[i] = wanted[i]
                taken.add(wanted[i].lower())
                used.add(wanted[i].lower())
        pending = retry
    return chosen


def _username_base(email):
    local = email.strip().rpartition("@")[0].lower()
    return re.sub(r"[^\w.@+-]", "", local)[:150] or "learner"
