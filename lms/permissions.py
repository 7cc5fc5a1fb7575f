"""One permission policy per object kind, registered with Wagtail's policy registry.

Views, exports and jobs ask `policy_registry.get_by_type(Model)` (from
`wagtail.permissions`) which objects a user may act on; the policies live
in their concepts' folders. Registered from `LmsConfig.ready()`, before the
admin viewsets look for them.
"""

from wagtail.permissions import register_permission_policy

from lms.cohorts.policies import CohortPolicy
from lms.enrolment.policies import EnrolmentPolicy
from lms.learner.policies import JournalEntryPolicy
from lms.mentoring.policies import CoachingNotePolicy
from lms.readiness.policies import JudgementPolicy, PlacementPolicy, SnapshotPolicy
from lms.readiness.settings_policy import ReadinessSettingsPolicy
from lms.stretch.policies import StretchAssignmentPolicy
from lms.time_audit.policies import AuditWeekPolicy

POLICIES = {
    "Cohort": CohortPolicy,
    "Enrolment": EnrolmentPolicy,
    "StretchAssignment": StretchAssignmentPolicy,
    "CoachingNote": CoachingNotePolicy,
    "JournalEntry": JournalEntryPolicy,
    "AuditWeek": AuditWeekPolicy,
    "TraitRating": JudgementPolicy,
    "ReadinessRating": JudgementPolicy,
    "Placement": PlacementPolicy,
    "ReadinessSnapshot": SnapshotPolicy,
    "ReadinessSettings": ReadinessSettingsPolicy,
}


def register_policies():
    from lms import models
    from lms.core.history import scope_site_history

    policies = {}
    for name, policy_class in POLICIES.items():
        model = getattr(models, name)
        policies[model] = policy_class(model)
        register_permission_policy(model, policies[model], exact_class=True)
    # The site history's entries about lms objects follow the same policies.
    scope_site_history(policies)
