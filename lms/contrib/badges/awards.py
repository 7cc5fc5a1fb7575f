"""Awarding badges (once per learner and badge, whoever asks twice or at the
same moment), revoking them with a reason, and the learner's evidence consent.

The award row and its signed credential are written in one transaction: the
row first (its key is its place on the status list, which the credential
states), then the credential signed with the active key. Two receivers racing
to award the same badge meet at the unique constraint: the loser finds the
winner's row and signs nothing.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.contrib.badges import signing
from lms.contrib.badges.credentials import credential_of
from lms.contrib.badges.models import BadgeAward, BadgeClass
from lms.contrib.badges.policies import OWN, REVOKE, awards_for
from lms.readiness.comments import plain_comment

REASON_MAX = 2_000


def panel_key(user_id):
    return f"lms_badges:panel:{user_id}"


def _forget_panel(user_id):
    transaction.on_commit(lambda: cache.delete(panel_key(user_id)), robust=True)


def award(badge_class, learner_id, when, enrolment_id=None, assignment_id=None):
    """(BadgeAward, created): the learner's award of this badge, made and
    signed now unless they already hold it (revoked or not)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                made = BadgeAward.objects.create(
                    badge_class=badge_class,
                    learner_id=learner_id,
                    awarded_at=when,
                    enrolment_id=enrolment_id,
                    assignment_id=assignment_id,
                )
        except IntegrityError:
            existing = BadgeAward.objects.get(
                badge_class=badge_class, learner_id=learner_id
            )
            return existing, False
        sign(made)
        _forget_panel(learner_id)
    return made, True


def sign(award):
    """Sign the award's credential as it stands now and store it."""
    award = (
        BadgeAward.objects.select_related("badge_class", "learner")
        .prefetch_related("badge_class__competencies")
        .get(pk=award.pk)
    )
    token, kid = signing.sign(credential_of(award))
    BadgeAward.objects.filter(pk=award.pk).update(credential_jwt=token, signed_with=kid)
    return token


def revoke(award, user, reason):
    """Revoke the award as `user`, who must manage the cohort it was earned in.

    PermissionDenied for anyone else; ValidationError without a reason or
    when it is revoked already. The award keeps its row and its place on the
    status list, whose bit is now set.
    """
    reason = plain_comment(reason)
    if not reason:
        raise ValidationError({"reason": "Say why the badge is revoked."})
    if len(reason) > REASON_MAX:
        raise ValidationError(
            {"reason": f"Keep the reason under {REASON_MAX} characters."}
        )
    with transaction.atomic():
        locked = awards_for(user, REVOKE).select_for_update().filter(pk=award.pk)
        locked = locked.first()
        if locked is None:
            raise PermissionDenied
        if locked.revoked_at is not None:
            raise ValidationError("This badge was revoked already.")
        locked.revoked_at = timezone.now()
        locked.revoked_by = user
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        _forget_panel(locked.learner_id)
    return locked


def set_evidence_consent(award, user, share):
    """The learner lets (or stops letting) the credential carry the project's
    rubric summary; the credential is signed again either way. Copies already
    downloaded keep what they said."""
    if award.badge_class.kind != BadgeClass.Kind.PROJECT:
        raise ValidationError("Only a stretch-project badge carries evidence.")
    with transaction.atomic():
        locked = awards_for(user, OWN).select_for_update().filter(pk=award.pk).first()
        if locked is None:
            raise PermissionDenied
        if locked.revoked_at is not None:
            raise ValidationError(
                "This badge was revoked; its credential stays as it was."
            )
        if locked.share_evidence != bool(share):
            locked.share_evidence = bool(share)
            locked.save(update_fields=["share_evidence"])
            sign(locked)
    return locked
