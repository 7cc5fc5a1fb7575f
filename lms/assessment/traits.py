"""The pipeline questions: how much a learner wants to lead, and the four traits
the sources look for beyond good work, each with four behaviour anchors.

They are fixed by the product (the readiness view rates the same four), so
they live here rather than in the editable competency snippets.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Trait:
    slug: str
    name: str
    question: str
    levels: tuple  # the anchor texts of levels 1 to 4

    def described_levels(self):
        return list(enumerate(self.levels, start=1))


TRAITS = (
    Trait(
        "communication",
        "Communication",
        "How clearly do you get a message across, to customers and colleagues?",
        (
            "People often ask me to repeat or explain what I meant.",
            "I am clear on calls, but in huddles or writing I ramble or leave gaps.",
            "I say what matters first, check it landed, and adjust to the listener.",
            "I explain hard news and change so that people act on it, and others borrow my words.",
        ),
    ),
    Trait(
        "emotional-intelligence",
        "Emotional intelligence",
        "How well do you notice feelings, yours and others', and choose a response?",
        (
            "I react first, and only later notice how I or others felt.",
            "I notice upset in others, but under pressure I still snap or shut down.",
            "I catch my own reactions in the moment and respond calmly most of the time.",
            "I read a room quickly, stay steady under pressure and help others settle.",
        ),
    ),
    Trait(
        "humility",
        "Humility",
        "How do you handle credit, mistakes and not knowing?",
        (
            "I find it hard to admit a mistake or to say I do not know.",
            "I own mistakes when they are pointed out, but I like the credit to be mine.",
            "I own my mistakes first, share credit, and ask when I do not know.",
            "I put the team's success before mine and learn openly from anyone.",
        ),
    ),
    Trait(
        "coachability",
        "Coachability",
        "What do you do with feedback?",
        (
            "Feedback feels like criticism; I explain why it was not my fault.",
            "I accept feedback politely, but rarely change what I do.",
            "I ask for feedback, try the change and tell the person how it went.",
            "I seek out hard feedback, act on it quickly and help others take it well.",
        ),
    ),
)
TRAITS_BY_SLUG = {trait.slug: trait for trait in TRAITS}

# How much a learner wants to lead: a person who does not want the role
# disengages a team, so the pipeline asks, with a reason.
DESIRE_CHOICES = [
    (1, "Not for me, at least not now"),
    (2, "Curious: I want to find out what it involves"),
    (3, "Keen: I want a team-leader role in the next year"),
    (4, "Determined: I am ready to step up as soon as a seat opens"),
]
