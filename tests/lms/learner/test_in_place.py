"""Ticking off an action or a milestone returns to the same item and says what changed."""

import pytest

from tests.builders.learner import make_action_item
from tests.builders.stretch import make_stretch_scene
from tests.lms.learner.test_pages import learner

__all__ = ["learner"]
pytestmark = pytest.mark.django_db


def test_an_action_marked_done_returns_to_that_action_with_a_confirmation(
    client, learner
):
    item = make_action_item(learner)
    client.force_login(learner)

    response = client.post(f"/learn/actions/{item.pk}/", {"do": "done"}, follow=True)

    url, _status = response.redirect_chain[-1]
    assert url.endswith(f"#action-{item.pk}")
    page = response.content.decode()
    assert f'id="action-{item.pk}"' in page
    assert "✓ Saved: done" in page


def test_a_milestone_ticked_returns_to_that_milestone_with_a_confirmation(client):
    scene = make_stretch_scene()
    assignment = scene.assignment
    assignment.status = assignment.Status.IN_PROGRESS
    assignment.save()
    milestone = assignment.milestones.first()
    client.force_login(scene.learner)

    response = client.post(
        f"/learn/projects/{assignment.pk}/milestones/{milestone.pk}/",
        {"done": "1"},
        follow=True,
    )

    url, _status = response.redirect_chain[-1]
    assert url.endswith(f"#milestone-{milestone.pk}")
    assert "✓ Saved: done" in response.content.decode()
