from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from wagtail import hooks

from courses import fragments
from courses.shuffle import shuffled_options

from ..markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render Markdown through the project's one sanitising renderer."""
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the site root, then the page itself; cached with the
    page's other shared fragments, so a view reads no ancestors."""

    def render():
        ancestors = page.get_ancestors().filter(depth__gt=1) if page.pk else []
        crumbs = {"page": page, "ancestors": ancestors}
        return render_to_string("courses/breadcrumbs.html", crumbs)

    return fragments.page_part(page, "breadcrumbs", render, _preview(context))


@register.simple_tag(takes_context=True)
def page_intro(context, page):
    """A programme's or course's Markdown intro, rendered once per revision."""
    return fragments.page_part(
        page, "intro", lambda: render_markdown(page.intro), _preview(context)
    )


@register.simple_tag(takes_context=True)
def module_objectives(context):
    """The module's objectives as list items, from the shared fragments."""
    held = fragments.shared_fragments(context["page"], _preview(context))
    return mark_safe(held["objectives"])  # noqa: S308 - escaped when rendered


@register.simple_tag(takes_context=True)
def module_body(context):
    """The module's blocks: the ones every learner sees alike from the cache."""
    return fragments.module_body(context["page"], context, _preview(context))


def _preview(context):
    return bool(getattr(context.get("request"), "is_preview", False))


@register.simple_tag
def question_options(question, seed, chosen, enrolled):
    """A question's options in the learner's own order, as labelled inputs.

    Built in Python: the template loop over options cost more than the rest
    of the question. Option ids and texts only: which is right, and why, stay
    on the server.
    """
    kind = "checkbox" if question["kind"] == "multiple" else "radio"
    required = " required" if question["kind"] == "single" and enrolled else ""
    chosen = set(chosen or ())
    options = shuffled_options(question["options"].bound_blocks, seed)
    return format_html_join(
        "\n",
        '<label class="option"><input type="{}" name="chosen" value="{}"{}{}> {}</label>',
        (
            (
                kind,
                o.id,
                " checked" if o.id in chosen else "",
                required,
                o.value["text"],
            )
            for o in options
        ),
    )


@register.simple_tag(takes_context=True)
def event_fields(context, event_type, anchor):
    """The hidden fields every learner event form carries: the CSRF token, a
    fresh event id (a double submit records once), the module, when the page
    was rendered and where to come back to."""
    page, learner = context["page"], context["learner"]
    token = context.get("csrf_token")
    fields = [("event_id", learner.new_id), ("type", event_type)]
    fields += [("module_id", page.pk), ("rendered_at", learner.rendered_at)]
    fields.append(("next", f"{learner.page_url}#{anchor}"))
    if token and str(token) != "NOTPROVIDED":
        fields.insert(0, ("csrfmiddlewaretoken", token))
    return format_html_join("\n", '<input type="hidden" name="{}" value="{}">', fields)


@register.simple_tag(takes_context=True)
def module_cards(context, modules):
    """The course page's module cards, with the learner's status
    (`module_status`) and workbook links (`practice_links`) the hooks added.

    Built in Python: a template loop over 80 modules cost more than the rest
    of the page. The URLs come with the cached module list.
    """
    statuses = context.get("module_status") or {}
    workbooks = context.get("practice_links") or {}
    cards = (
        (_card(module, statuses.get(module.pk), workbooks.get(module.pk)),)
        for module in modules
    )
    return format_html_join("\n  ", "{}", cards)


def _card(module, status, workbook_url):
    done = status == "done"
    minutes = f"{module.minutes} min"
    if module.practice_minutes:
        minutes += f" + {module.practice_minutes} min practice"
    badge = ""
    if status:
        shown = "✓ Done" if done else "In progress"
        badge = format_html(
            ' · <span class="status status--{}">{}</span>', slugify(status), shown
        )
    workbook = ""
    if workbook_url:
        workbook = format_html(
            '<p><a href="{}" download>Download the practice workbook'
            '<span class="visually-hidden"> for {}</span></a></p>',
            workbook_url,
            module.title,
        )
    return format_html(
        '<li class="card{}"><h3><a href="{}">{}</a></h3>\n    <p>{}</p>'
        '<p class="meta">{}{}</p>\n    {}</li>',
        " card--done" if done else "",
        module.listed_url,
        module.title,
        module.summary,
        minutes,
        badge,
        workbook,
    )


@register.filter
def lookup(mapping, key):
    """mapping[key], or None: lets block templates find a learner's state by block id."""
    return mapping.get(key) if mapping else None


@register.inclusion_tag("courses/includes/nav_items.html", takes_context=True)
def nav_items(context):
    """Links other apps add to the site navigation through the courses_nav_items hook."""
    request = context.get("request")
    items = []
    for hook in hooks.get_hooks("courses_nav_items"):
        items.extend(hook(request) or [])
    return {"items": items, "request": request}


@register.filter
def figure(number):
    """A number as people write it: 52,000 and 322.5, never 52000.0."""
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return f"{number:,}" if isinstance(number, int | float) else number


@register.filter
def input_label(name):
    """A worked example's input name as words: talk_time reads 'talk time'."""
    return str(name).replace("_", " ")
