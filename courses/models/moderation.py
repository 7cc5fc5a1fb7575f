"""Moderation that needs a second pair of eyes: nobody approves their own submission."""

from wagtail.models import AbstractGroupApprovalTask


class PeerApprovalTask(AbstractGroupApprovalTask):
    """A group approval in which the person who submitted the page may not approve it.

    They still see it in the editor, but not under "Awaiting your review", and
    are offered no approve or reject action on it; another member of the group
    (or a superuser who did not submit it) decides.
    """

    def get_actions(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == user.pk:
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except whoever submitted it"

    class Meta:
        verbose_name = "Peer approval task"
        verbose_name_plural = "Peer approval tasks"
