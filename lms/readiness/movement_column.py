"""The table's movement cell: an arrow for the eye, the words for everyone."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from lms.core.columns import TextColumn


class MovementColumn(TextColumn):
    """The row's `change` (a lms.readiness.movement.Movement) as an arrow and words."""

    def render_cell_html(self, instance, parent_context):
        found = instance.change
        if not found.kind:
            return mark_safe("<td></td>")
        return format_html(
            '<td class="lms-movement lms-movement--{}">'
            '<span aria-hidden="true">{}</span> {}</td>',
            found.kind,
            found.arrow,
            found.label,
        )
