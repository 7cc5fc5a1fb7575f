"""Given a published module, the served page holds its content and no answers."""

import pytest

from tests.builders.pages import make_module, question


@pytest.mark.django_db
def test_served_module_page_shows_content_without_answers(client):
    body = [
        ("markdown", "Let the caller **finish** before you speak."),
        ("question", question(prompt="What do you do first?", correct=(2,))),
    ]
    page = make_module(body=body)

    response = client.get(page.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>finish</strong>" in html
    assert "What do you do first?" in html
    assert "Option 2" in html
    for marker in ("correct", "Feedback 0", "Feedback 2", "data-correct"):
        assert marker not in html
