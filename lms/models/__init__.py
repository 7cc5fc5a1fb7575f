"""Every model of the `lms` app, wherever its concept keeps it.

Django and the migrations find the app's models here; `lms.models.X` keeps
working for host sites and for code written before the concepts had folders.
"""

from lms.assessment.models import Assessment, FocusGap, MentorRating, SelfRating
from lms.cohorts.models import Cohort, CohortSnapshot
from lms.enrolment.models import CourseProgress, Enrolment
from lms.learner.models import ActionItem, JournalEntry
from lms.mentoring.models import CoachingNote
from lms.notifications.models import Notification, NudgeOptOut
from lms.practice.models import WorkbookAttempt
from lms.progress.models import (
    CompetencyMastery,
    LearningDay,
    ModuleBlockState,
    ModuleProgress,
    ProgressEvent,
    QuestionResponse,
)
from lms.readiness.models import (
    Placement,
    ReadinessRating,
    ReadinessSettings,
    ReadinessSnapshot,
    TraitRating,
)
from lms.review.models import (
    CompetencyRecall,
    ReviewAnswer,
    ReviewCard,
    ReviewDay,
    ReviewReminder,
)
from lms.stretch.models import (
    AssignmentCriterion,
    AssignmentMilestone,
    CalendarFeed,
    CriterionRating,
    Evidence,
    EvidenceFile,
    Review,
    StretchAssignment,
)
from lms.time_audit.models import AuditProfile, AuditWeek

__all__ = [
    "ActionItem",
    "Assessment",
    "AssignmentCriterion",
    "AssignmentMilestone",
    "AuditProfile",
    "AuditWeek",
    "CalendarFeed",
    "CoachingNote",
    "Cohort",
    "CohortSnapshot",
    "CompetencyMastery",
    "CompetencyRecall",
    "CourseProgress",
    "CriterionRating",
    "Enrolment",
    "Evidence",
    "EvidenceFile",
    "FocusGap",
    "JournalEntry",
    "LearningDay",
    "MentorRating",
    "ModuleBlockState",
    "ModuleProgress",
    "Notification",
    "NudgeOptOut",
    "Placement",
    "ProgressEvent",
    "QuestionResponse",
    "ReadinessRating",
    "ReadinessSettings",
    "ReadinessSnapshot",
    "Review",
    "ReviewAnswer",
    "ReviewCard",
    "ReviewDay",
    "ReviewReminder",
    "SelfRating",
    "StretchAssignment",
    "TraitRating",
    "WorkbookAttempt",
]
