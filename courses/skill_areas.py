"""The seven skill areas new contact-centre leaders said they lacked."""

from django.db import models


class SkillArea(models.TextChoices):
    DIFFICULT_PERSONALITIES = (
        "difficult-personalities",
        "Dealing with difficult personalities",
    )
    ADVANCED_EXCEL = "advanced-excel", "Advanced Excel"
    GENERAL_LEADERSHIP = "general-leadership", "General leadership skills"
    COACHING = "coaching", "Managing and coaching others"
    BUSINESS_FINANCE = "business-finance", "Business and finance understanding"
    CC_TECHNOLOGY = "cc-technology", "Contact-centre technology"
    CC_TERMINOLOGY = "cc-terminology", "Contact-centre terminology"


# Share of answers in the survey of 80 people who moved from the front line
# into leadership ("the number-one skill you wish you had learned first").
SURVEY_SHARE = {
    SkillArea.DIFFICULT_PERSONALITIES: 28,
    SkillArea.ADVANCED_EXCEL: 17,
    SkillArea.GENERAL_LEADERSHIP: 14,
    SkillArea.COACHING: 11,
    SkillArea.BUSINESS_FINANCE: 11,
    SkillArea.CC_TECHNOLOGY: 9,
    SkillArea.CC_TERMINOLOGY: 5,
}
