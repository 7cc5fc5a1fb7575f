"""The shape of every front matter and block, as pydantic models.

Unknown keys are errors, so a typo such as `corect: true` is caught.
"""

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    field_validator,
)

from courses.formulas import INPUT_NAME
from courses.skill_areas import SkillArea
from courses.validation import MAX_PRACTICE_MINUTES

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LEVELS = (1, 2, 3, 4)
MAX_LEVEL_TEXT = 500
Number = StrictInt | StrictFloat


def _four_levels(levels):
    """Exactly the levels 1 to 4, each described in a non-empty text."""
    if sorted(levels) != list(LEVELS):
        found = ", ".join(str(key) for key in sorted(levels)) or "none"
        raise ValueError(f"levels must be exactly 1, 2, 3 and 4 (found {found})")
    for level in LEVELS:
        text = levels[level].strip()
        if not text:
            raise ValueError(f"level {level} has no text")
        if len(text) > MAX_LEVEL_TEXT:
            raise ValueError(f"level {level} is over {MAX_LEVEL_TEXT} characters")
    return {level: levels[level].strip() for level in LEVELS}


# Behaviour at each level 1-4: competency anchors and rubric criteria.
Levels = Annotated[dict[int, str], AfterValidator(_four_levels)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ProgrammeMeta(Strict):
    title: str = Field(min_length=1, max_length=255)
    slug: str = Field(pattern=SLUG, max_length=80)
    summary: str = Field(min_length=1, max_length=200)
    self_enrol: bool = True


class CourseMeta(Strict):
    title: str = Field(min_length=1, max_length=255)
    slug: str = Field(pattern=SLUG, max_length=80)
    summary: str = Field(min_length=1, max_length=200)
    skill_area: Literal[tuple(SkillArea.values)]


class ModuleMeta(Strict):
    title: str = Field(min_length=1, max_length=255)
    slug: str | None = Field(default=None, pattern=SLUG, max_length=80)
    summary: str = Field(min_length=1, max_length=160)
    minutes: int
    objectives: list[str]
    competencies: list[str] = Field(min_length=1)
    workbook: str = ""
    practice_minutes: StrictInt = Field(default=0, ge=0, le=MAX_PRACTICE_MINUTES)


class Example(Strict):
    inputs: dict[str, float]
    expression: str
    result: float
    unit: str = ""
    explanation: str = ""


class GlossaryMeta(Strict):
    term: str = Field(min_length=1, max_length=120)
    abbreviation: str = Field(default="", max_length=20)
    competency: str | None = None
    formula: str = Field(default="", max_length=300)
    example: Example | None = None
    why_it_matters: str = ""


class Milestone(Strict):
    title: str = Field(min_length=1, max_length=200)
    week: int = Field(default=1, ge=1)


class Criterion(Strict):
    criterion: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1)
    evidence: str = ""
    levels: Levels | None = None


class StretchMeta(Strict):
    title: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1)
    competencies: list[str] = Field(default_factory=list)
    weeks: int = Field(ge=1, le=52)
    milestones: list[Milestone] = Field(min_length=1)
    rubric: list[Criterion] = Field(min_length=1)


class Competency(Strict):
    slug: str = Field(pattern=SLUG, max_length=100)
    name: str = Field(min_length=1, max_length=100)
    skill_area: Literal[tuple(SkillArea.values)]
    description: str = ""
    levels: Levels | None = None


class Option(Strict):
    text: str = Field(min_length=1, max_length=500)
    correct: bool = False
    pinned: bool = False
    feedback: str = ""


class QuestionBlock(Strict):
    id: str = Field(pattern=SLUG, max_length=120)
    type: Literal["single", "multiple"] = "single"
    prompt: str = Field(min_length=1)
    options: list[Option]


class Choice(Strict):
    text: str = Field(min_length=1, max_length=500)
    next: str | None = None
    outcome: Literal["good", "mixed", "poor"] | None = None
    feedback: str = ""


class Step(Strict):
    key: str = Field(min_length=1, max_length=60)
    text: str = Field(min_length=1)
    choices: list[Choice]


class ScenarioBlock(Strict):
    id: str = Field(pattern=SLUG, max_length=120)
    title: str = Field(min_length=1, max_length=200)
    setup: str = Field(min_length=1)
    steps: list[Step] = Field(min_length=1)


class ReflectionBlock(Strict):
    prompt: str = Field(min_length=1)
    hint: str = ""


class ActionBlock(Strict):
    title: str = Field(min_length=1, max_length=200)
    instructions: str = Field(min_length=1)
    when: str = Field(default="", max_length=100)


class TermBlock(Strict):
    slug: str = Field(pattern=SLUG)


class ExampleBlock(Strict):
    title: str = Field(min_length=1, max_length=200)
    inputs: dict[Annotated[str, Field(pattern=INPUT_NAME, max_length=40)], Number]
    expression: str = Field(min_length=1, max_length=500)
    result: Number
    unit: str = Field(default="", max_length=40)
    explanation: str = Field(min_length=1)


class ImageBlock(Strict):
    src: str = Field(min_length=1, max_length=200)
    alt: str = Field(min_length=1, max_length=250)
    caption: str = Field(default="", max_length=250)

    @field_validator("src")
    @classmethod
    def stays_inside_content(cls, value):
        if value.startswith("/") or ".." in value.split("/"):
            raise ValueError("must be a path inside the content folder")
        return value


class VideoBlock(Strict):
    url: str = Field(pattern=r"^https?://", max_length=500)
    title: str = Field(min_length=1, max_length=200)
    transcript: str = ""


class TakeawaysBlock(BaseModel):
    points: list[str] = Field(min_length=1, max_length=7)


BLOCK_SCHEMAS = {
    "question": QuestionBlock,
    "scenario": ScenarioBlock,
    "example": ExampleBlock,
    "reflection": ReflectionBlock,
    "action": ActionBlock,
    "term": TermBlock,
    "image": ImageBlock,
    "video": VideoBlock,
    "takeaways": TakeawaysBlock,
}
BLOCK_NAMES = (*BLOCK_SCHEMAS, "richtext")
