from .competencies import Competency, TaggedCompetency
from .glossary import GlossaryTerm
from .moderation import PeerApprovalTask
from .pages import CatalogPage, CoursePage, ImportedPage, ModulePage, ProgrammePage
from .stretch import RubricCriterion, StretchMilestone, StretchTemplate

__all__ = [
    "CatalogPage",
    "Competency",
    "CoursePage",
    "GlossaryTerm",
    "ImportedPage",
    "ModulePage",
    "PeerApprovalTask",
    "ProgrammePage",
    "RubricCriterion",
    "StretchMilestone",
    "StretchTemplate",
    "TaggedCompetency",
]
