"""Builders for learner-page tests: learners, enrolments, interactive modules, forms."""

import re
from datetime import timedelta

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import ModulePage, ProgrammePage
from lms.enrolment.services import enrol
from lms.models import (
    ActionItem,
    CourseProgress,
    Enrolment,
    JournalEntry,
    ModuleProgress,
)
from tests.conftest import make_module, question

PASSWORD = "a-long-test-password"

CALM_STEP = "Customer: Fine. What can you do for me?"
FIRST_STEP = "Customer: I want my money back, now!"
GOOD_ENDING = "They thank you for listening."


def make_learner(username="learner", **kwargs):
    kwargs.setdefault("email", f"{username}@example.com")
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, **kwargs
    )


def enrol_in(user, page, **kwargs):
    """Enrol the user in the programme that holds `page` (or is it)."""
    programme = (
        page.specific
        if isinstance(page.specific, ProgrammePage)
        else ProgrammePage.objects.ancestor_of(page).get()
    )
    return enrol(user, programme, **kwargs)[0]


def scenario(**kwargs):
    """Raw data for a two-step scenario: listening leads on, interrupting ends badly."""
    kwargs.setdefault("title", "The refund")
    kwargs.setdefault("setup", "A caller wants a refund you cannot give.")
    kwargs.setdefault(
        "steps",
        [
            {
                "key": "start",
                "text": FIRST_STEP,
                "choices": [
                    {"text": "Let them finish", "next": "calm", "feedback": ""},
                    {
                        "text": "Interrupt",
                        "next": "",
                        "outcome": "poor",
                        "feedback": "They hang up angrier.",
                    },
                ],
            },
            {
                "key": "calm",
                "text": CALM_STEP,
                "choices": [
                    {
                        "text": "Offer a call back",
                        "next": "",
                        "outcome": "good",
                        "feedback": GOOD_ENDING,
                    }
                ],
            },
        ],
    )
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


def make_learning_module(parent=None, questions=2, **kwargs):
    """A module with `questions` questions (option 1 right), a scenario, a reflection, an action."""
    body = [("markdown", "Let the caller **finish**.")]
    body += [
        ("question", question(prompt=f"Question {n}?", correct=(1,)))
        for n in range(questions)
    ]
    body += [
        ("scenario", scenario()),
        ("reflection", reflection()),
        ("action", action()),
    ]
    kwargs.setdefault("body", body)
    page = make_module(parent=parent, **kwargs)
    # Block and option ids are assigned on save; read them back as stored.
    return ModulePage.objects.get(pk=page.pk)


def block_ids(page, block_type):
    return [block.id for block in page.body if block.block_type == block_type]


def make_progress(user, module, **kwargs):
    kwargs.setdefault("status", ModuleProgress.Status.IN_PROGRESS)
    kwargs.setdefault("last_activity_at", timezone.now())
    kwargs.setdefault("first_activity_at", kwargs["last_activity_at"])
    if kwargs["status"] == ModuleProgress.Status.COMPLETED:
        kwargs.setdefault("completed_at", kwargs["last_activity_at"])
    return ModuleProgress.objects.create(user=user, module=module, **kwargs)


def complete_rollups(enrolment, course, modules):
    """The roll-ups the apply job leaves after these modules of one course were completed."""
    for module in modules:
        make_progress(
            enrolment.user,
            module,
            status=ModuleProgress.Status.COMPLETED,
            last_activity_at=timezone.now() - timedelta(days=1),
        )
    CourseProgress.objects.create(
        enrolment=enrolment, course=course, modules_completed=len(modules)
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(modules_completed=len(modules))


def make_entry(user, **kwargs):
    kwargs.setdefault("prompt", "When did your last difficult call turn?")
    kwargs.setdefault("text", "When I let them finish.")
    kwargs.setdefault("created_at", timezone.now())
    return JournalEntry.objects.create(user=user, **kwargs)


def make_action_item(user, **kwargs):
    kwargs.setdefault("title", "Count to three")
    kwargs.setdefault("instructions", "Pause before answering.")
    return ActionItem.objects.create(user=user, **kwargs)


class EagerClient:
    """A test client whose requests also run their on-commit callbacks (the apply job)."""

    def __init__(self, client, capture_on_commit):
        self.client = client
        self.capture = capture_on_commit

    def get(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.get(*args, **kwargs)

    def post(self, *args, **kwargs):
        with self.capture(execute=True):
            return self.client.post(*args, **kwargs)


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def section(response, element_id):
    found = soup(response).find(id=element_id)
    assert found is not None, f"no element #{element_id} on the page"
    return found


def form_data(container):
    """The form inside `container` as the browser would post it, less the learner's choices."""
    form = container.find("form")
    assert form is not None, "no form here"
    data = {
        field["name"]: field.get("value", "")
        for field in form.find_all("input", attrs={"type": "hidden"})
    }
    return form["action"], data


def option_value(container, text):
    """The value of the radio or checkbox whose label reads `text`."""
    for label in container.find_all("label", class_="option"):
        if label.get_text(strip=True) == text:
            return label.find("input")["value"]
    raise AssertionError(f"no option labelled {text!r}")


def choice_value(container, text):
    for button in container.find_all("button", attrs={"name": "choice_id"}):
        if button.get_text(strip=True) == text:
            return button["value"]
    raise AssertionError(f"no choice labelled {text!r}")


def text_of(response):
    """The page's visible text with whitespace collapsed."""
    return re.sub(r"\s+", " ", soup(response).get_text(" "))
