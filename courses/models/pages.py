"""The page tree: catalogue → programme → course → module."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from wagtail import blocks, hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..blocks import ModuleBodyBlock
from ..skill_areas import SkillArea
from ..validation import (
    BITE_SIZED_MINUTES,
    MAX_MINUTES,
    MAX_OBJECTIVES,
    MAX_PRACTICE_MINUTES,
    MIN_MINUTES,
    MIN_OBJECTIVES,
)
from ..widgets import CompetencyCheckboxes
from .competencies import TaggedCompetency


class DirectRouteMixin:
    """Resolve a course or module URL below this page in one query instead of
    two per level: the tree's shape says which kind of page sits that many
    levels down (`direct_routes`), so its url_path finds it."""

    def direct_routes(self):
        """{levels below this page: the page model found there}."""
        return {}

    def route(self, request, path_components):
        model = self.direct_routes().get(len(path_components))
        if model is not None:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = model.objects.filter(url_path=url_path, live=True).first()
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)


class ImportedPage(Page):
    """A page the Markdown importer can find again by a stable key."""

    # "module:<slug>" and so on; empty for pages authored only in the admin.
    import_key = models.CharField(
        max_length=120, blank=True, db_index=True, editable=False
    )
    summary = models.CharField(max_length=200, help_text="One line, shown in listings.")

    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Apps that track learners (lms) add their state through this hook.
        for hook in hooks.get_hooks("courses_page_context"):
            context.update(hook(request, self) or {})
        return context


class CatalogPage(DirectRouteMixin, Page):
    """The learning home: lists the programmes on offer."""

    intro = models.TextField(blank=True, help_text="Markdown.")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.ProgrammePage"]
    template = "courses/catalog_page.html"

    def direct_routes(self):
        return {2: CoursePage, 3: ModulePage}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.child_of(self).live().public()
        return context


class ProgrammePage(DirectRouteMixin, ImportedPage):
    """A leadership programme: a sequence of courses a cohort works through."""

    intro = models.TextField(blank=True, help_text="Markdown.")
    self_enrol = models.BooleanField(
        default=True, help_text="Learners may enrol themselves in this programme."
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("self_enrol"),
    ]
    subpage_types = ["courses.CoursePage"]
    template = "courses/programme_page.html"

    def direct_routes(self):
        return {1: CoursePage, 2: ModulePage}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public()
        return context


class CoursePage(ImportedPage):
    """A course: a handful of modules on one skill area."""

    intro = models.TextField(blank=True, help_text="Markdown.")
    skill_area = models.CharField(max_length=40, choices=SkillArea.choices)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("skill_area"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["courses.ProgrammePage"]
    subpage_types = ["courses.ModulePage"]
    template = "courses/course_page.html"

    def get_context(self, request, *args, **kwargs):
        from courses.outline import listed_modules  # it imports these models

        context = super().get_context(request, *args, **kwargs)
        # The cached list holds only what the listing shows: loading every
        # module's body and objectives (StreamFields) cost more than the rest
        # of the page.
        modules = listed_modules(self)
        context["modules"] = [module for module in modules if module.is_public]
        return context


# The module fields a course page's listing reads (and its hooks: the workbook),
# and what a module page's links read of its siblings.
LISTED_MODULE_FIELDS = (
    "id",
    "title",
    "summary",
    "minutes",
    "practice_minutes",
    "workbook",
    "url_path",
    "path",
    "depth",
    "live",
)


class ModulePage(ImportedPage):
    """A 3–7 minute lesson: objectives, body blocks and knowledge checks."""

    objectives = StreamField(
        [("objective", blocks.CharBlock(max_length=200))],
        min_num=MIN_OBJECTIVES,
        max_num=MAX_OBJECTIVES,
        help_text=f"{MIN_OBJECTIVES} to {MAX_OBJECTIVES} learning objectives.",
    )
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MIN_MINUTES), MaxValueValidator(MAX_MINUTES)],
        help_text=f"Estimated minutes. Modules are bite-sized: keep to {BITE_SIZED_MINUTES} or fewer.",
    )
    competencies = ClusterTaggableManager(
        "competencies",
        through=TaggedCompetency,
        help_text=(
            "Tick the competencies this module builds. They come from the controlled "
            "list (Curriculum › Competencies), where trainers add new ones."
        ),
    )
    body = StreamField(ModuleBodyBlock())
    workbook = models.CharField(
        max_length=60, blank=True, help_text="Key of the practice workbook, if any."
    )
    practice_minutes = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(MAX_PRACTICE_MINUTES)],
        help_text="Extra minutes of practice (a workbook, say), shown as '+ N min practice'.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("minutes"),
                FieldPanel("practice_minutes"),
                FieldPanel("competencies", widget=CompetencyCheckboxes),
                FieldPanel("workbook"),
            ],
            heading="About this module",
        ),
        FieldPanel("objectives"),
        FieldPanel("body"),
    ]
    search_fields = ImportedPage.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = []
    template = "courses/module_page.html"

    @property
    def is_bite_sized(self):
        return self.minutes <= BITE_SIZED_MINUTES

    def question_blocks(self):
        return [block for block in self.body if block.block_type == "question"]

    def get_context(self, request, *args, **kwargs):
        from courses.outline import course_modules  # it imports these models

        context = super().get_context(request, *args, **kwargs)
        siblings = course_modules(self.path[: -self.steplen])
        context.update(self.neighbours(siblings))
        listed = next((m for m in siblings if m.pk == self.pk), None)
        # A preview shows the draft's own tags; a live page the cached ones.
        if listed is None or getattr(request, "is_preview", False):
            context["competency_names"] = [c.name for c in self.competencies.all()]
        else:
            context["competency_names"] = listed.competency_names
        return context

    def neighbours(self, modules):
        """Previous and next live modules of the course, from its module list."""
        # Every live sibling, public or not: siblings share this page's
        # restrictions, which Wagtail has already checked.
        siblings = [page for page in modules if page.pk != self.pk]
        before = [page for page in siblings if page.path < self.path]
        after = [page for page in siblings if page.path > self.path]
        return {
            "previous_module": before[-1] if before else None,
            "next_module": after[0] if after else None,
            "position": len(before) + 1,
            "module_count": len(siblings) + 1,
        }
