"""The one Markdown renderer and the one HTML sanitiser of the project."""

import re

import markdown as markdown_lib
import nh3
from django.core.cache import cache
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


NAMES_CACHE_KEY = "courses:glossary-term-names"
NAMES_TIMEOUT = 300  # seconds; saving or deleting a term clears it at once
SENTENCE_END = ".!?"
BLOCK_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)+")


def term_names():
    """{slug: term name} of every glossary term, from the cache when it can."""
    names = cache.get(NAMES_CACHE_KEY)
    if names is None:
        from .models import GlossaryTerm

        names = dict(GlossaryTerm.objects.values_list("slug", "term"))
        cache.set(NAMES_CACHE_KEY, names, NAMES_TIMEOUT)
    return names


def forget_term_names(**kwargs):
    """Signal receiver: a term changed, so its name is read again next time."""
    cache.delete(NAMES_CACHE_KEY)


def link_label(text, match, names):
    """What a glossary link shows: its own text, else the term's name.

    A sentence-case name ("Average handle time") starts lower-case inside a
    sentence; names with other capitals ("Erlang C", "GROW model") stay as written.
    """
    slug, label = match.group(1), match.group(2)
    if label:
        return label.strip()
    name = names.get(slug) or slug.replace("-", " ")
    if _sentence_case(name) and not _starts_sentence(text, match.start()):
        return name[0].lower() + name[1:]
    return name


def _sentence_case(name):
    return name[:1].isupper() and not any(char.isupper() for char in name[1:])


def _starts_sentence(text, position):
    line_start = text.rfind("\n", 0, position) + 1
    before = BLOCK_MARKUP.sub("", text[line_start:position])
    before = before.rstrip(" \t*_\"'(“‘")
    if before:
        return before[-1] in SENTENCE_END
    if BLOCK_MARKUP.match(text[line_start:position]) or line_start == 0:
        return True
    previous = text[: line_start - 1].rstrip(" \t")
    last_line = previous[previous.rfind("\n") + 1 :]
    return not last_line.strip() or previous.rstrip(" *_\"'”’)")[-1:] in SENTENCE_END


def shown_text(text, names=None):
    """Markdown with each glossary link replaced by the words the page shows."""
    text = text or ""
    names = _names_for(text) if names is None else names
    return GLOSSARY_LINK.sub(lambda m: link_label(text, m, names), text)


def _names_for(text):
    bare = any(not m.group(2) for m in GLOSSARY_LINK.finditer(text))
    return term_names() if bare else {}


def _link_glossary_terms(text):
    names = _names_for(text)

    def replace(match):
        url = reverse("courses:glossary_term", args=[match.group(1)])
        return f"[{escape(link_label(text, match, names))}]({url})"

    return GLOSSARY_LINK.sub(replace, text)


TOO_DEEP = "Markdown is nested too deeply to show (lists or quotes inside each other)"


def _to_html(text):
    return markdown_lib.markdown(
        text, extensions=["tables", "fenced_code", "sane_lists"], output_format="html"
    )


def markdown_problems(text):
    """Why a Markdown text cannot be shown ([] when it can); no database needed."""
    try:
        _to_html(GLOSSARY_LINK.sub("term", text or ""))
    except RecursionError:
        return [TOO_DEEP]
    return []


def render_markdown(text):
    """Render trusted-or-not Markdown to sanitised HTML that is safe to print."""
    try:
        html = _to_html(_link_glossary_terms(text or ""))
    except RecursionError:
        # Validation refuses such text; anything older still shows, as plain text.
        html = f"<p>{escape(text)}</p>"
    return mark_safe(sanitise(html))  # noqa: S308 - sanitised by nh3 just above
