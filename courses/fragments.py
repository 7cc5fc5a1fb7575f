"""The parts of a module page that are the same for every learner, rendered
once per live revision and cached.

Rendering a module's Markdown, rich text, worked examples, images and
glossary call-outs on every view cost about as much as the rest of the page.
They show the same to every learner, so their HTML and the objectives are
cached under the page's live revision and a generation that any change of a
page, a glossary term or an image starts afresh (courses.apps): a trainer's
publish shows at once. A preview renders everything afresh.

Questions, scenarios, reflections and actions are rendered on every view:
they carry the learner's state, their own order of options and fresh event
ids. Nothing cached here sees the learner or the request: a shared block is
rendered with only the page and its own id, and no block that holds an
answer is shared, so the cache never holds an answer or anyone's state.
"""

from django.core.cache import cache
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from courses.generations import generation, new_generation

GENERATION_KEY = "courses:fragments:generation"
SHARED_BLOCKS = frozenset(
    {
        "rich_text",
        "markdown",
        "image",
        "video",
        "takeaways",
        "worked_example",
        "glossary_term",
    }
)


def shared_fragments(page, preview=False):
    """{"objectives": HTML, "blocks": [HTML of each shared block, else None]}."""
    held = getattr(page, "_shared_fragments", None)
    if held is None:
        held = _render(page) if preview else _cached(page)
        page._shared_fragments = held  # the objectives and the body share one read
    return held


def _cached(page):
    key = (
        f"courses:fragments:{generation(GENERATION_KEY)}"
        f":{page.pk}:{page.live_revision_id}"
    )
    held = cache.get(key)
    if held is None:
        held = _render(page)
        cache.set(key, held, None)
    return held


def page_part(page, part, render, preview=False):
    """One part of a page that is the same for everyone (its breadcrumbs, its
    intro), cached like the module's fragments: `render()` makes it on a miss."""
    if preview or not page.pk:
        return render()
    key = (
        f"courses:fragments:{generation(GENERATION_KEY)}"
        f":{page.pk}:{page.live_revision_id}:{part}"
    )
    html = cache.get(key)
    if html is None:
        html = str(render())
        cache.set(key, html, None)
    return mark_safe(html)  # noqa: S308 - stored as rendered


def module_body(page, context, preview=False):
    """The body's HTML: shared blocks from the fragments, the rest rendered now
    with the page's full context (the learner's state included)."""
    shared = shared_fragments(page, preview)["blocks"]
    flat = context.flatten()
    parts = []
    # The raw data says each block's type without building its value, so a
    # shared block is never turned into Python (an image or glossary chooser
    # would cost a query).
    for index, raw in enumerate(page.body.raw_data):
        html = shared[index] if index < len(shared) else None
        if html is None or raw["type"] not in SHARED_BLOCKS:
            block = page.body[index]
            html = block.render_as_block(context={**flat, "block_id": block.id})
        parts.append(html)
    return mark_safe("".join(parts))  # noqa: S308 - each part is rendered HTML


def forget_fragments(**kwargs):
    """Signal receiver: a page, glossary term or image changed."""
    new_generation(GENERATION_KEY)


def _render(page):
    blocks = []
    for block in page.body:
        if block.block_type in SHARED_BLOCKS:
            own = {"page": page, "block_id": block.id}
            blocks.append(str(block.render_as_block(context=own)))
        else:
            blocks.append(None)
    objectives = format_html_join(
        "", "<li>{}</li>", ((objective.value,) for objective in page.objectives)
    )
    return {"objectives": str(objectives), "blocks": blocks}
