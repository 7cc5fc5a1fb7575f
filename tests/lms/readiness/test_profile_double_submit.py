"""Two copies of the same post racing (a double click, a retry): neither is a 500.
The race is forced: both requests have checked their form before either writes.
Each adds its rows, as documented: history keeps both, the newer counts, and
as they say the same, the learner's place and scores do not change."""

import threading

import pytest
from django.db import connection
from django.test import Client

from lms.assessment.traits import TRAITS
from lms.models import Placement, TraitRating
from lms.readiness import ratings
from lms.readiness.links import readiness_url
from tests.builders.readiness import COMMENT, make_readiness_scene

pytestmark = pytest.mark.django_db(transaction=True)


def held_until_both_arrive(monkeypatch, name):
    """Make `ratings.<name>` wait until two requests have reached it."""
    both = threading.Barrier(2, timeout=10)
    real = getattr(ratings, name)

    def wait_then_write(*args, **kwargs):
        both.wait()
        return real(*args, **kwargs)

    monkeypatch.setattr(ratings, name, wait_then_write)


def race(user, url, data):
    """POST the same data twice at the same moment, each from its own connection."""
    answers = [None, None]

    def send(index):
        client = Client()
        client.force_login(user)
        try:
            answers[index] = client.post(url, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return answers


def test_a_double_submitted_rating_keeps_both_and_no_500(monkeypatch):
    scene = make_readiness_scene()
    held_until_both_arrive(monkeypatch, "rate_traits")
    data = {f"traits-{t.slug}-level": 3 for t in TRAITS}
    data |= {f"traits-{t.slug}-comment": COMMENT for t in TRAITS}

    answers = race(scene.mentor, readiness_url("rate_traits", scene.enrolment.pk), data)

    assert answers == [302, 302]
    assert TraitRating.objects.count() == 8
    assert set(TraitRating.objects.values_list("level", flat=True)) == {3}


def test_a_double_submitted_move_keeps_both_and_no_500(monkeypatch):
    scene = make_readiness_scene()
    held_until_both_arrive(monkeypatch, "move")
    data = {"move-box": "3-3", "move-reason": "Led the huddle twice."}

    answers = race(scene.manager, readiness_url("move", scene.enrolment.pk), data)

    assert answers == [302, 302]
    assert Placement.objects.count() == 2
    assert ratings.move_in_force(scene.enrolment).boxes == (3, 3)
