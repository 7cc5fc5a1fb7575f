from .cohorts import Cohort, CohortSnapshot, Notification, NudgeOptOut
from .enrolment import CourseProgress, Enrolment
from .events import ProgressEvent
from .journal import ActionItem, JournalEntry
from .progress import CompetencyMastery, LearningDay, ModuleProgress, QuestionResponse

__all__ = [
    "ActionItem",
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
