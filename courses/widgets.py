"""Admin widgets of the courses app."""

from django import forms
from taggit.utils import parse_tags

from .skill_areas import SkillArea


class CompetencyCheckboxes(forms.CheckboxSelectMultiple):
    """The controlled list of competencies as labelled checkboxes, one group per skill area.

    Wagtail's tag widget draws an unlabelled text box in JavaScript and offers
    free typing the controlled list does not allow; checkboxes are labelled
    and show every choice. The value travels as the tag string taggit parses.
    """

    template_name = "courses/widgets/competency_checkboxes.html"

    def get_context(self, name, value, attrs):
        self.choices = self._grouped_choices()
        return super().get_context(name, value, attrs)

    @staticmethod
    def _grouped_choices():
        from .models import Competency

        by_area = {area: [] for area in SkillArea.values}
        for competency in Competency.objects.order_by("name"):
            by_area.setdefault(competency.skill_area, []).append(
                (competency.name, competency.name)
            )
        labels = dict(SkillArea.choices)
        return [(labels.get(a, a), names) for a, names in by_area.items() if names]

    def format_value(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            return parse_tags(value)
        return [getattr(item, "name", item) for item in value]

    def value_from_datadict(self, data, files, name):
        names = super().value_from_datadict(data, files, name) or []
        return ", ".join('"{}"'.format(n.replace('"', "")) for n in names)
