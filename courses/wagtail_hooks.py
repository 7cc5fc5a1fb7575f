"""Admin wiring only: snippet viewsets and the bite-sized warning."""

from django.contrib import messages
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Competency, GlossaryTerm, ModulePage, StretchTemplate
from .validation import BITE_SIZED_MINUTES


class CompetencyFilterSet(WagtailFilterSet):
    class Meta:
        model = Competency
        fields = ["skill_area"]


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "tag"
    list_display = ["name", "skill_area", "slug"]
    search_fields = ["name", "description"]
    filterset_class = CompetencyFilterSet


class GlossaryTermFilterSet(WagtailFilterSet):
    class Meta:
        model = GlossaryTerm
        fields = ["competency"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "doc-full"
    list_display = ["term", "abbreviation", "competency"]
    search_fields = ["term", "abbreviation", "definition"]
    filterset_class = GlossaryTermFilterSet


class StretchTemplateViewSet(SnippetViewSet):
    model = StretchTemplate
    icon = "rocket"
    list_display = ["title", "suggested_weeks"]
    search_fields = ["title", "purpose"]


class CurriculumViewSetGroup(SnippetViewSetGroup):
    menu_label = "Curriculum"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (CompetencyViewSet, GlossaryTermViewSet, StretchTemplateViewSet)


register_snippet(CurriculumViewSetGroup)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_when_not_bite_sized(request, page):
    if isinstance(page.specific, ModulePage) and not page.specific.is_bite_sized:
        messages.warning(
            request,
            f"'{page.title}' is estimated at {page.specific.minutes} minutes. "
            f"Modules are bite-sized: aim for {BITE_SIZED_MINUTES} or fewer.",
        )
