"""The one Markdown renderer and the one HTML sanitiser of the project."""

import re

import markdown as markdown_lib
import nh3
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

# [[slug]] or [[slug|shown text]]
GLOSSARY_LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]\n]+))?\]\]")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr",
    "i", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def sanitise(html):
    """Strip every tag, attribute and URL scheme the curriculum does not need."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )


def glossary_slugs(text):
    """Return the glossary slugs a Markdown text links to, in order."""
    return [match.group(1) for match in GLOSSARY_LINK.finditer(text)]


def _link_glossary_terms(text):
    def replace(match):
        slug, label = match.group(1), match.group(2) or match.group(1).upper()
        url = reverse("courses:glossary_term", args=[slug])
        return f"[{escape(label.strip())}]({url})"

    return GLOSSARY_LINK.sub(replace, text)


def render_markdown(text):
    """Render trusted-or-not Markdown to sanitised HTML that is safe to print."""
    html = markdown_lib.markdown(
        _link_glossary_terms(text or ""),
        extensions=["tables", "fenced_code", "sane_lists"],
        output_format="html",
    )
    return mark_safe(sanitise(html))  # noqa: S308 - sanitised by nh3 just above
