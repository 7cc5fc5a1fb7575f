from django import template
from wagtail import hooks

from courses.shuffle import shuffled_options

from ..markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render Markdown through the project's one sanitising renderer."""
    return render_markdown(text)


@register.inclusion_tag("courses/breadcrumbs.html")
def breadcrumbs(page):
    """Ancestors below the site root, then the page itself."""
    ancestors = page.get_ancestors().filter(depth__gt=1) if page.pk else []
    return {"page": page, "ancestors": ancestors}


@register.filter
def shuffled(options, seed):
    """A question's options in the order this seed gives (courses.shuffle)."""
    return shuffled_options(options, seed)


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
