"""The curriculum tree (catalog, programme, course, module) and raw block data."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from courses.models import (
    CatalogPage,
    Competency,
    CoursePage,
    GlossaryTerm,
    ModulePage,
    ProgrammePage,
)

PROMPT = "When did your last difficult call turn around?"
CALM_STEP = "Customer: Fine. What can you do for me?"
FIRST_STEP = "Customer: I want my money back, now!"
GOOD_ENDING = "They thank you for listening."


# Block data


def question(prompt="Which comes first?", kind="single", correct=(1,), count=3):
    """Raw StreamField data for a question block; option n is correct if n in correct."""
    options = [
        {"text": f"Option {n}", "correct": n in correct, "feedback": f"Feedback {n}"}
        for n in range(count)
    ]
    return {"prompt": prompt, "kind": kind, "options": options}


def choice(text, next="", outcome="", feedback=""):
    return {"text": text, "next": next, "outcome": outcome, "feedback": feedback}


# Two steps: 'opening' leads to 'listening' or ends; 'listening' always ends.
TWO_STEPS = [
    {
        "key": "opening",
        "text": "Caller: This is ridiculous!",
        "choices": [
            choice("Apologise and listen", next="listening", feedback="Good."),
            choice("Read the policy", outcome="poor", feedback="Cold comfort."),
        ],
    },
    {
        "key": "listening",
        "text": "Caller: Well, at least someone listens.",
        "choices": [
            choice("Offer a callback", outcome="good", feedback="Trust won."),
            choice("Transfer them", outcome="poor", feedback="Back to hold."),
        ],
    },
]

# One step whose only choice ends well at once.
ONE_STEP = [
    {
        "key": "opening",
        "text": "Caller: This is ridiculous!",
        "choices": [
            choice("Apologise and listen", outcome="good", feedback="Trust won.")
        ],
    }
]

# The refund: listening leads on, interrupting ends badly.
REFUND = {
    "title": "The refund",
    "setup": "A caller wants a refund you cannot give.",
    "steps": [
        {
            "key": "start",
            "text": FIRST_STEP,
            "choices": [
                choice("Let them finish", next="calm"),
                choice("Interrupt", outcome="poor", feedback="They hang up angrier."),
            ],
        },
        {
            "key": "calm",
            "text": CALM_STEP,
            "choices": [
                choice("Offer a call back", outcome="good", feedback=GOOD_ENDING)
            ],
        },
    ],
}


def scenario(**kwargs):
    """Raw data for a scenario block: the angry caller in TWO_STEPS unless told."""
    kwargs.setdefault("title", "The angry caller")
    kwargs.setdefault("setup", "A caller has been on hold for twenty minutes.")
    kwargs.setdefault("steps", TWO_STEPS)
    return kwargs


def reflection(**kwargs):
    kwargs.setdefault("prompt", "When did your last difficult call turn?")
    kwargs.setdefault("hint", "Think of the first minute.")
    return kwargs


def action(**kwargs):
    kwargs.setdefault("title", "Count to three")
    kwargs.setdefault("instructions", "Before you answer an angry caller, pause.")
    kwargs.setdefault("when", "Next shift")
    return kwargs


# Pages


def make_competency(**kwargs):
    kwargs.setdefault("name", "De-escalation")
    kwargs.setdefault("slug", "de-escalation")
    kwargs.setdefault("skill_area", "difficult-personalities")
    return Competency.objects.get_or_create(slug=kwargs["slug"], defaults=kwargs)[0]


def make_term(**kwargs):
    kwargs.setdefault("term", "Average handle time")
    kwargs.setdefault("slug", "aht")
    kwargs.setdefault("abbreviation", "AHT")
    kwargs.setdefault("definition", "Talk, hold and wrap time per contact.")
    return GlossaryTerm.objects.create(**kwargs)


def make_catalog():
    existing = CatalogPage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node() or _make_root()
    catalog = root.add_child(instance=CatalogPage(title="Learning", slug="learning"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": catalog}
    )
    return catalog


def _make_root():
    """Transactional tests flush the locale and root page Wagtail's migrations made."""
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    return Page.add_root(title="Root", slug="root")


def make_programme(parent=None, **kwargs):
    kwargs.setdefault("title", "Front line to team leader")
    kwargs.setdefault("slug", "programme")
    kwargs.setdefault("summary", "A programme.")
    return (parent or make_catalog()).add_child(instance=ProgrammePage(**kwargs))


def make_course(parent=None, **kwargs):
    kwargs.setdefault("title", "Difficult conversations")
    kwargs.setdefault("slug", "course")
    kwargs.setdefault("summary", "A course.")
    kwargs.setdefault("skill_area", "difficult-personalities")
    return (parent or make_programme()).add_child(instance=CoursePage(**kwargs))


def make_module(parent=None, competencies=None, **kwargs):
    kwargs.setdefault("title", "The first minute")
    kwargs.setdefault("slug", "module")
    kwargs.setdefault("summary", "Let them finish.")
    kwargs.setdefault("minutes", 5)
    kwargs.setdefault(
        "objectives", [("objective", "Listen first"), ("objective", "Name it back")]
    )
    kwargs.setdefault("body", [("markdown", "Let the caller **finish**.")])
    page = ModulePage(**kwargs)
    page.competencies.set(competencies or [make_competency()])
    return (parent or make_course()).add_child(instance=page)


def _stored_module(parent, kwargs):
    page = make_module(parent, **kwargs)
    # Block and option ids are given on save: read them back as stored.
    return ModulePage.objects.get(pk=page.pk)


def questions_of(count):
    """`count` single-choice questions whose option 1 is right."""
    return [
        ("question", question(prompt=f"Question {n}?", correct=(1,)))
        for n in range(count)
    ]


def make_quiz_module(parent=None, questions=2, **kwargs):
    """`questions` single-choice questions, a reflection and a one-step scenario."""
    kwargs.setdefault(
        "body",
        [("markdown", "Let the caller **finish**.")]
        + questions_of(questions)
        + [
            ("reflection", {"prompt": PROMPT, "hint": ""}),
            ("scenario", scenario(steps=ONE_STEP)),
        ],
    )
    return _stored_module(parent, kwargs)


def make_mixed_quiz_module(parent=None, **kwargs):
    """Two questions (single, then multiple), a two-step scenario and a reflection."""
    kwargs.setdefault(
        "body",
        [
            ("markdown", "Let the caller **finish**."),
            ("question", question(prompt="Which comes first?", correct=(1,))),
            (
                "question",
                question(prompt="Which two help?", kind="multiple", correct=(0, 2)),
            ),
            ("scenario", scenario()),
            ("reflection", {"prompt": "When did your last call turn?", "hint": ""}),
        ],
    )
    return _stored_module(parent, kwargs)


def make_learning_module(parent=None, questions=2, **kwargs):
    """`questions` questions (option 1 right), the refund, a reflection and an action."""
    kwargs.setdefault(
        "body",
        [("markdown", "Let the caller **finish**.")]
        + questions_of(questions)
        + [
            ("scenario", scenario(**REFUND)),
            ("reflection", reflection()),
            ("action", action()),
        ],
    )
    return _stored_module(parent, kwargs)


def make_programme_of(courses=1, modules=2, questions=3):
    """A programme of `courses` courses; each course's first module is a quiz."""
    programme = make_programme()
    for c in range(courses):
        course = make_course(parent=programme, slug=f"course-{c}", title=f"Course {c}")
        make_quiz_module(parent=course, slug=f"quiz-{c}", questions=questions)
        for m in range(1, modules):
            make_module(parent=course, slug=f"module-{c}-{m}", title=f"Module {c}.{m}")
    return programme


def programme_of(module):
    return ProgrammePage.objects.ancestor_of(module).get()


# Reading blocks back


def blocks(module, block_type):
    return [block for block in module.body if block.block_type == block_type]


def block_ids(page, block_type):
    return [block.id for block in blocks(page, block_type)]


def option_id(question_block, index):
    return question_block.value["options"].bound_blocks[index].id


def step(scenario_block, index):
    return scenario_block.value["steps"].bound_blocks[index]


def choice_id(step_item, index):
    return step_item.value["choices"].bound_blocks[index].id


@dataclass
class Programme:
    """A programme of two live courses with three modules each; A's first is a quiz."""

    page: object
    courses: list
    quiz: object
    de_escalation: object
    coaching: object

    def question(self, index):
        """(question id, right option id, [wrong option ids]) of the quiz's nth question."""
        block = self.quiz.question_blocks()[index]
        options = block.value["options"].bound_blocks
        right = [o.id for o in options if o.value["correct"]][0]
        return block.id, right, [o.id for o in options if not o.value["correct"]]


def make_programme_with_modules(slug="programme"):
    page = make_programme(slug=slug, title=f"Programme {slug}")
    de_escalation = make_competency(name="De-escalation", slug="de-escalation")
    coaching = make_competency(name="Coaching", slug="coaching", skill_area="coaching")
    courses = [
        make_course(page, title="Difficult conversations", slug=f"{slug}-a"),
        make_course(page, title="Coaching others", slug=f"{slug}-b"),
    ]
    quiz = _stored_module(
        courses[0],
        {
            "title": "The first minute",
            "slug": f"{slug}-a0",
            "competencies": [de_escalation],
            "body": [
                ("markdown", "Let the caller **finish**."),
                ("question", question(prompt="Who speaks first?", correct=(1,))),
                ("question", question(prompt="What do you say back?", correct=(0,))),
            ],
        },
    )
    for course, letter in zip(courses, "ab", strict=True):
        for n in range(1 if letter == "a" else 0, 3):
            make_module(
                course,
                title=f"Module {letter}{n}",
                slug=f"{slug}-{letter}{n}",
                competencies=[coaching if letter == "b" else de_escalation],
            )
    return Programme(page, courses, quiz, de_escalation, coaching)
