"""Markdown renders to sanitised HTML; [[slug]] links to the glossary."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError

from courses.blocks import MarkdownBlock
from courses.markdown import glossary_slugs, render_markdown
from courses.models import GlossaryTerm
from tests.builders.pages import make_term

FORBIDDEN = (
    "<script",
    "onerror",
    "onload",
    "onclick",
    "javascript:",
    "<iframe",
    "style=",
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<<script>script>alert(1)<</script>/script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "![x](javascript:alert(1))",
    '[x](javascript:alert(1) "title")',
    "<img src=x onerror=alert(1)>",
    '<img src="x" ONERROR="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="https://example.com" onclick="alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    "<IFRAME SRC=javascript:alert(1)></IFRAME>",
    '<p style="color:red">hi</p>',
    '<span style="background:url(javascript:alert(1))">hi</span>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "**bold** <script>alert(1)</script> and [ok](https://example.com)",
    "[[aht|<script>alert(1)</script>]]",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markup_never_reaches_the_output(text):
    html = str(render_markdown(text)).lower()

    for marker in FORBIDDEN:
        assert marker not in html, (text, html)


def test_link_with_a_safe_scheme_keeps_its_href():
    html = render_markdown("[docs](https://example.com/a)")

    assert 'href="https://example.com/a"' in html


def test_bold_and_emphasis_are_kept():
    html = render_markdown("**firm** and *kind*")

    assert "<strong>firm</strong>" in html
    assert "<em>kind</em>" in html


def test_lists_are_kept():
    html = render_markdown("- listen\n- name it\n\n1. first\n2. second")

    assert "<ul>" in html and "<li>listen</li>" in html
    assert "<ol>" in html and "<li>second</li>" in html


def test_tables_are_kept():
    html = render_markdown("| KPI | Target |\n|---|---|\n| AHT | 300 |")

    assert "<table>" in html
    assert "<th>KPI</th>" in html
    assert "<td>300</td>" in html


def test_code_fences_are_kept_and_escaped():
    html = render_markdown("```\n=A1<B1\n```")

    assert "<pre><code>=A1&lt;B1\n</code></pre>" in html


def test_empty_text_renders_empty():
    assert render_markdown(None) == ""


def link(slug, text):
    return f'<a href="/glossary/{slug}/" rel="noopener noreferrer">{text}</a>'


@pytest.fixture
def terms(db):
    """Names as the glossary writes them, in sentence case or with capitals."""
    make_term(slug="aht", term="Average handle time")
    make_term(slug="one-to-one", term="One-to-one", abbreviation="1:1")
    make_term(slug="erlang-c", term="Erlang C", abbreviation="")


def test_bare_glossary_link_shows_the_terms_name_not_the_slug(terms):
    html = render_markdown("Book a [[one-to-one]] this week.")

    assert link("one-to-one", "one-to-one") in html
    assert "ONE-TO-ONE" not in html


def test_bare_glossary_link_shows_a_multi_word_name(terms):
    html = render_markdown("Watch your [[aht]].")

    assert link("aht", "average handle time") in html


def test_bare_glossary_link_starting_a_sentence_keeps_the_capital(terms):
    html = render_markdown("It rose. [[aht]] fell later.\n\n[[one-to-one]] first.")

    assert link("aht", "Average handle time") in html
    assert link("one-to-one", "One-to-one") in html


def test_bare_glossary_link_keeps_a_name_with_capitals_as_written(terms):
    html = render_markdown("Staff it with [[erlang-c]].")

    assert link("erlang-c", "Erlang C") in html


def test_bare_glossary_link_shows_a_renamed_term_at_once(terms):
    render_markdown("Watch your [[aht]].")
    term = GlossaryTerm.objects.get(slug="aht")
    term.term = "Handle time"
    term.save()

    html = render_markdown("Watch your [[aht]].")

    assert link("aht", "handle time") in html


@pytest.mark.django_db
def test_bare_link_to_a_term_not_in_the_glossary_shows_words_not_the_slug():
    cache.clear()

    html = render_markdown("Watch the [[repeat-contact-rate]].")

    assert link("repeat-contact-rate", "repeat contact rate") in html


def test_glossary_link_with_label_shows_the_label():
    html = render_markdown("Watch your [[aht|average handle time]].")

    assert (
        '<a href="/glossary/aht/" rel="noopener noreferrer">average handle time</a>'
        in html
    )


def test_glossary_slugs_are_found_in_order():
    text = "[[aht]] then [[service-level|SL]], not [aht] nor [[Bad Slug]]."

    assert glossary_slugs(text) == ["aht", "service-level"]


@pytest.mark.django_db
def test_markdown_block_rejects_a_link_to_a_missing_term():
    make_term(slug="aht")

    with pytest.raises(ValidationError, match="missing glossary term 'fcr'"):
        MarkdownBlock().clean("See [[aht]] and [[fcr]].")


@pytest.mark.django_db
def test_markdown_block_accepts_a_link_to_an_existing_term():
    make_term(slug="aht")

    assert MarkdownBlock().clean("See [[aht|handle time]].") == (
        "See [[aht|handle time]]."
    )


DEEP_LIST = "\n".join("    " * depth + "- a" for depth in range(300))


def test_markdown_nested_too_deeply_renders_as_plain_text_not_an_error():
    html = render_markdown(DEEP_LIST)

    assert html.startswith("<p>- a")


@pytest.mark.django_db
def test_markdown_block_rejects_markdown_nested_too_deeply():
    with pytest.raises(ValidationError, match="nested too deeply"):
        MarkdownBlock().clean(DEEP_LIST)
