"""Extension points of "My learning": panels other concepts add, and the path.

A concept adds a panel (today's review, a gap picture…) with the
`register_learner_home_panel` hook, and may choose each programme's next
module with `learner_next_up`, so "My learning" imports none of them:

    @hooks.register("register_learner_home_panel")
    def review_panel():
        return LearnerHomePanel("review", "lms/review/panel.html", review_context, order=10)

    @hooks.register("learner_next_up")
    def next_for_my_gaps(user, enrolment, modules, progress):
        return None  # or a module of `modules`: the first hook that answers wins

`modules` are the programme's outline (courses.outline): live, in order, each
with its `competency_ids`; `progress` maps module ids to the learner's roll-ups.
"""

from wagtail import hooks

from lms.core.panels import Panel, shown

PANEL_HOOK = "register_learner_home_panel"
NEXT_UP_HOOK = "learner_next_up"

# A section of "My learning": `context(user)` returns its template's context,
# or None to leave it out for this learner.
LearnerHomePanel = Panel


def panels_for(user):
    """The registered panels that have something to show this learner, in order."""
    return shown(PANEL_HOOK, user)


def chosen_next_up(user, enrolment, modules, progress):
    """The module a `learner_next_up` hook picks, or None to use the default order."""
    for hook in hooks.get_hooks(NEXT_UP_HOOK):
        module = hook(user, enrolment, modules, progress)
        if module is not None:
            return module
    return None
