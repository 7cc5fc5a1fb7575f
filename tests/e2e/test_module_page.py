"""A learner on a 360 px phone can read and navigate a module by keyboard."""

import pytest

from tests.builders.pages import make_course, make_module, question

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
]

LONG_WORD = "Supercalifragilisticexpialidocious" * 3
SCENARIO = {
    "title": "The refund",
    "setup": "A caller wants a refund you cannot give.",
    "steps": [
        {
            "key": "start",
            "text": "Customer: I want my money back!",
            "choices": [
                {
                    "text": "Listen first",
                    "next": "",
                    "outcome": "good",
                    "feedback": "Well done",
                },
            ],
        }
    ],
}


@pytest.fixture
def module_url(live_server):
    course = make_course()
    body = [
        (
            "markdown",
            f"## Why it matters\n\nLet them finish. {LONG_WORD}\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        ),
        ("question", question(prompt="What do you do first?", correct=(0,))),
        ("scenario", SCENARIO),
        ("takeaways", {"points": ["Listen", "Name it back"]}),
    ]
    first = make_module(parent=course, slug="first", body=body)
    make_module(parent=course, slug="second", title="Second module")
    return live_server.url + first.url


def test_module_fits_a_360px_screen_without_sideways_scrolling(phone, module_url):
    phone.goto(module_url)

    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - window.innerWidth"
    )

    assert phone.locator("h1").inner_text() == "The first minute"
    assert overflow <= 0


def test_first_tab_reaches_the_skip_link_and_it_moves_focus_to_the_content(
    phone, module_url
):
    phone.goto(module_url)

    phone.keyboard.press("Tab")
    focused = phone.evaluate("document.activeElement.textContent")
    phone.keyboard.press("Enter")

    assert focused == "Skip to content"
    assert phone.evaluate("document.activeElement.id") == "main"


def test_next_module_link_is_reachable_by_keyboard(phone, module_url):
    phone.goto(module_url)

    phone.locator("a[rel=next]").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_load_state()

    assert phone.locator("h1").inner_text() == "Second module"


def test_page_source_and_scripts_hold_no_answers(phone, module_url):
    phone.goto(module_url)

    html = phone.content()
    scripts = phone.evaluate("[...document.scripts].map(s => s.textContent).join(' ')")

    assert "What do you do first?" in html
    for leak in ("correct", "Feedback 0", "Well done", "outcome"):
        assert leak not in html
        assert leak not in scripts
