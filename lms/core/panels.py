"""Panels one concept adds to another's page through a Wagtail hook.

The page's concept names a hook and renders what `shown` returns; the concept
adding a panel registers a function returning a `Panel`, so neither imports
the other. `context(*args)` gives the panel's template context, or None to
leave it out this time (nothing to show for this learner or cohort).
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class Panel:
    name: str
    template_name: str
    context: Callable
    order: int = 100


@dataclass(frozen=True)
class ShownPanel:
    name: str
    template_name: str
    context: dict


def shown(hook_name, *args):
    """The hook's panels that have something to show, in order, with their context."""
    panels = sorted((hook() for hook in hooks.get_hooks(hook_name)), key=_order)
    found = []
    for panel in panels:
        context = panel.context(*args)
        if context is not None:
            found.append(ShownPanel(panel.name, panel.template_name, context))
    return found


def _order(panel):
    return panel.order
