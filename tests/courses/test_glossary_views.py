"""The public glossary: a searchable list and one page per term."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import GlossaryTerm
from tests.builders.pages import make_term

pytestmark = pytest.mark.django_db


def make_terms():
    make_term()
    make_term(
        term="First contact resolution",
        slug="fcr",
        abbreviation="FCR",
        definition="Share of issues solved on the **first** call.",
    )
    make_term(
        term="Shrinkage",
        slug="shrinkage",
        abbreviation="",
        definition="Paid time agents are unavailable for calls.",
    )


def listed_slugs(response):
    return [term.slug for term in response.context["page"]]


def test_glossary_lists_every_term_alphabetically(client):
    make_terms()

    response = client.get(reverse("courses:glossary"))

    assert response.status_code == 200
    assert listed_slugs(response) == ["aht", "fcr", "shrinkage"]
    assert "First contact resolution" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("shrink", ["shrinkage"]),
        ("fcr", ["fcr"]),
        ("wrap time", ["aht"]),
        ("UNAVAILABLE", ["shrinkage"]),
        ("nothing like this", []),
    ],
)
def test_search_filters_by_term_abbreviation_and_definition(client, query, expected):
    make_terms()

    response = client.get(reverse("courses:glossary"), {"q": query})

    assert listed_slugs(response) == expected


def test_search_without_match_says_so(client):
    make_terms()

    response = client.get(reverse("courses:glossary"), {"q": "zzz"})

    assert "No terms found." in response.content.decode()


def test_a_very_long_query_is_truncated_not_refused(client):
    make_terms()
    query = "a" * 500

    response = client.get(reverse("courses:glossary"), {"q": query})

    assert response.status_code == 200
    assert response.context["query"] == "a" * 100
    assert "a" * 101 not in response.content.decode()


def test_term_page_shows_term_formula_example_and_why(client):
    term = make_term(
        formula="(talk + hold + wrap) / contacts",
        example={
            "inputs": {"talk": 240, "hold": 30, "wrap": 55},
            "expression": "talk + hold + wrap",
            "result": 325,
            "explanation": "240 s talk, 30 s hold and 55 s wrap make 325 s.",
        },
        why_it_matters="It drives how many agents you need.",
    )

    response = client.get(term.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Average handle time <abbr>(AHT)</abbr></h1>" in html
    assert "(talk + hold + wrap) / contacts" in html
    assert "240 s talk, 30 s hold and 55 s wrap make 325 s." in html
    assert "It drives how many agents you need." in html


def test_unknown_term_is_not_found(client):
    response = client.get(reverse("courses:glossary_term", args=["no-such-term"]))

    assert response.status_code == 404


@pytest.mark.parametrize("view", ["list", "detail"])
def test_definition_markdown_is_rendered_and_sanitised(client, view):
    term = make_term(
        definition="**Talk** time. <script>alert(1)</script>"
        "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    url = reverse("courses:glossary") if view == "list" else term.get_absolute_url()

    html = client.get(url).content.decode()

    assert "<strong>Talk</strong>" in html
    for marker in ("alert(1)</script>", "javascript:", "onerror"):
        assert marker not in html


def test_term_clean_rejects_an_example_with_the_wrong_result():
    term = GlossaryTerm(
        term="Occupancy",
        slug="occupancy",
        definition="Busy time over logged-in time.",
        example={
            "inputs": {"busy": 45, "logged": 60},
            "expression": "busy / logged",
            "result": 0.7,
        },
    )

    with pytest.raises(ValidationError) as error:
        term.clean()

    assert "example" in error.value.message_dict


def test_term_clean_accepts_a_correct_example():
    term = GlossaryTerm(
        term="Occupancy",
        slug="occupancy",
        definition="Busy time over logged-in time.",
        example={
            "inputs": {"busy": 45, "logged": 60},
            "expression": "busy / logged",
            "result": 0.75,
        },
    )

    assert term.clean() is None
