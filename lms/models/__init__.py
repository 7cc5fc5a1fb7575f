from .cohorts import Cohort, CohortSnapshot, Notification, NudgeOptOut
from .enrolment import CourseProgress, Enrolment
from .events import ProgressEvent
from .journal import ActionItem, JournalEntry
from .progress import CompetencyMastery, LearningDay, ModuleProgress, QuestionResponse
from .stretch import (
    AssignmentCriterion,
    AssignmentMilestone,
    CalendarFeed,
    CoachingNote,
    CriterionRating,
    Evidence,
    EvidenceFile,
    Review,
    StretchAssignment,
)

__all__ = [
    "ActionItem",
    "AssignmentCriterion",
    "AssignmentMilestone",
    "CalendarFeed",
    "CoachingNote",
    "CriterionRating",
    "Evidence",
    "EvidenceFile",
    "Review",
    "StretchAssignment",
    "Cohort",
    "CohortSnapshot",
    "Notification",
    "NudgeOptOut",
    "CompetencyMastery",
    "CourseProgress",
    "Enrolment",
    "JournalEntry",
    "LearningDay",
    "ModuleProgress",
    "ProgressEvent",
    "QuestionResponse",
]
