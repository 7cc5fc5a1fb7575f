"""A submitted module needs a second trainer: nobody approves their own page."""

import pytest
from django.test import Client
from django.urls import reverse

from courses.models import PeerApprovalTask
from lms.roles import TRAINERS
from tests.builders.pages import make_course
from tests.builders.people import make_user
from tests.courses.test_admin_flow import create_module, trainer_client

__all__ = ["trainer_client"]
pytestmark = pytest.mark.django_db


def approve_url(module):
    state = module.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[module.pk, "approve", state.pk]
    )


def test_the_shipped_workflow_asks_for_a_peer_approval():
    # The roles set it up after migrate, in place of Wagtail's plain group approval.
    task = PeerApprovalTask.objects.get(active=True)
    assert TRAINERS in set(task.groups.values_list("name", flat=True))


def test_the_trainer_who_submitted_cannot_approve_their_own_module(trainer_client):
    module = create_module(trainer_client, make_course(), action="submit")
    url = approve_url(module)

    response = trainer_client.post(url, {"comment": "Looks fine to me."})

    module.refresh_from_db()
    assert response.status_code in (302, 403)
    assert not module.live
    assert module.workflow_in_progress


def test_their_own_submission_is_not_awaiting_their_review(trainer_client):
    module = create_module(trainer_client, make_course(), action="submit")
    task = module.current_workflow_task.specific
    submitter = module.current_workflow_state.requested_by
    reviewer = make_user("second-trainer", TRAINERS)

    assert not task.get_task_states_user_can_moderate(submitter).exists()
    assert task.get_task_states_user_can_moderate(reviewer).exists()
    assert task.get_actions(module, submitter) == []
    assert task.get_actions(module, reviewer)


def test_a_second_trainer_approves_it(trainer_client):
    module = create_module(trainer_client, make_course(), action="submit")
    reviewer = Client()
    reviewer.force_login(make_user("second-trainer", TRAINERS))

    reviewer.post(approve_url(module), {"comment": "Reads well."})

    module.refresh_from_db()
    assert module.live
