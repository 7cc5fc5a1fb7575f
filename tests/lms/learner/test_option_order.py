"""A question's options show in an order of the learner's own: the same on every
visit and in Today's review, different between learners, pinned options in place;
answers are still graded by option id."""

import pytest
from bs4 import BeautifulSoup

from courses.models import ModulePage
from lms.progress.recording import record_events
from lms.review.views import question_view
from tests.builders.cohorts import enrol_in
from tests.builders.people import make_learner
from tests.conftest import make_module, question

pytestmark = pytest.mark.django_db
OPTIONS = 8


@pytest.fixture
def module():
    page = make_module(
        body=[
            ("question", question(prompt="Which first?", count=OPTIONS, correct=(0,)))
        ]
    )
    return ModulePage.objects.get(pk=page.pk)


def options_seen(client, user, module):
    client.force_login(user)
    html = client.get(module.url).content.decode()
    inputs = BeautifulSoup(html, "html.parser").select("input[name=chosen]")
    return [option["value"] for option in inputs]


def written_order(module):
    (block,) = module.body
    return [option.id for option in block.value["options"].bound_blocks]


def test_the_order_is_stable_per_learner_and_differs_between_learners(client, module):
    learners = [make_learner(username=f"l{n}") for n in range(4)]
    for learner in learners:
        enrol_in(learner, module)

    orders = [options_seen(client, learner, module) for learner in learners]

    assert options_seen(client, learners[0], module) == orders[0]
    assert all(sorted(order) == sorted(written_order(module)) for order in orders)
    assert len({tuple(order) for order in orders}) > 1
    assert any(order != written_order(module) for order in orders)


def test_todays_review_shows_the_same_order_as_the_module(client, module):
    learner = make_learner()
    enrol_in(learner, module)

    class Card:
        module_id = module.pk
        question_id = module.body[0].id

    review = [option["id"] for option in question_view(learner, Card)["options"]]

    assert review == options_seen(client, learner, module)


def test_a_pinned_option_keeps_its_place(client):
    raw = question(prompt="Which?", count=5, correct=(4,))
    raw["options"][4]["pinned"] = True
    raw["options"][4]["text"] = "All of the above"
    page = make_module(body=[("question", raw)])
    page = ModulePage.objects.get(pk=page.pk)
    learner = make_learner()
    enrol_in(learner, page)

    seen = options_seen(client, learner, page)

    assert seen[4] == written_order(page)[4]


def test_answers_are_graded_by_id_whatever_the_order(client, module):
    learner = make_learner()
    enrol_in(learner, module)
    right = written_order(module)[0]
    import uuid

    from django.utils import timezone

    (result,) = record_events(
        learner,
        [
            {
                "id": str(uuid.uuid4()),
                "type": "answered",
                "module_id": module.pk,
                "question_id": module.body[0].id,
                "chosen": [right],
                "occurred_at": timezone.now().isoformat(),
            }
        ],
    )

    assert result["status"] == "accepted"
    assert result["result"]["correct"] is True
