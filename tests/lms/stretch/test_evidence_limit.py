"""A project holds at most LMS_EVIDENCE_MAX_FILES_PER_PROJECT files, however many
posts bring them; the post that would pass the limit keeps nothing."""

import pytest
from django.urls import reverse

from lms.models import Evidence, EvidenceFile
from lms.stretch import uploads
from lms.stretch.work import EvidenceFull, add_evidence
from tests.builders.stretch import make_stretch_scene
from tests.builders.uploads import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(settings, tmp_path):
    settings.LMS_PRIVATE_ROOT = tmp_path
    settings.LMS_EVIDENCE_MAX_FILES_PER_PROJECT = 7
    return make_stretch_scene()


def files(count):
    return uploads.check_uploads([upload(f"part-{n}.pdf", PDF) for n in range(count)])


def test_posts_fill_a_project_up_to_its_limit_and_no_further(scene):
    add_evidence(scene.assignment, scene.learner, "One", files(5))
    add_evidence(scene.assignment, scene.learner, "Two", files(2))

    with pytest.raises(EvidenceFull, match="at most 7 files and this one has 7"):
        add_evidence(scene.assignment, scene.learner, "Three", files(1))

    assert (
        EvidenceFile.objects.filter(evidence__assignment=scene.assignment).count() == 7
    )
    assert Evidence.objects.filter(assignment=scene.assignment).count() == 2


def test_text_alone_can_still_be_added_to_a_full_project(scene):
    add_evidence(scene.assignment, scene.learner, "Files", files(5))
    add_evidence(scene.assignment, scene.learner, "More", files(2))

    add_evidence(scene.assignment, scene.learner, "What I learned", [])

    assert Evidence.objects.filter(assignment=scene.assignment).count() == 3


def test_the_page_says_how_many_more_fit(client, scene):
    add_evidence(scene.assignment, scene.learner, "Files", files(5))
    client.force_login(scene.learner)

    response = client.post(
        reverse("lms:project_evidence", args=[scene.assignment.pk]),
        {"text": "", "files": [upload(f"n{n}.pdf", PDF) for n in range(3)]},
    )

    assert response.status_code == 400
    assert "attach at most 2 more" in response.content.decode()
    assert EvidenceFile.objects.count() == 5
