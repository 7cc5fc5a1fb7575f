"""Write a loaded curriculum into Wagtail, all-or-nothing and idempotently."""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import DatabaseError, transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from courses.models import (
    CatalogPage,
    Competency,
    CoursePage,
    GlossaryTerm,
    ModulePage,
    ProgrammePage,
    RubricCriterion,
    StretchMilestone,
    StretchTemplate,
)

from . import streams
from .errors import ContentError, CurriculumInvalid
from .loader import load_curriculum
from .preflight import check_against_database
from .retire import retire_missing_modules
from .rubrics import criterion_values as _criterion_values
from .rubrics import level_values as _level_values
from .rubrics import stretch_children as _stretch_children

CREATED, UPDATED, UNCHANGED, MOVED, PUBLISHED = (
    "created",
    "updated",
    "unchanged",
    "moved",
    "published",
)
KINDS = (
    "competency",
    "glossary term",
    "stretch template",
    "image",
    "programme",
    "course",
    "module",
)


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)

    def add(self, kind, action):
        self.counts[(kind, action)] += 1

    @property
    def changed(self):
        return any(action != UNCHANGED for _kind, action in self.counts)

    def lines(self):
        for kind in KINDS:
            actions = {a: n for (k, a), n in self.counts.items() if k == kind}
            if actions:
                yield f"{kind}: " + ", ".join(
                    f"{n} {a}" for a, n in sorted(actions.items())
                )
        yield "Imported changes." if self.changed else "Nothing changed."


def import_curriculum(root, parent=None, publish=True, dry_run=False):
    """Check every file and the database first, then write all of it in one transaction.

    `dry_run` runs every check and writes nothing, so it finds whatever the
    import itself would refuse.
    """
    curriculum = load_curriculum(
        root,
        known_competencies=Competency.objects.values_list("slug", flat=True),
        known_terms=GlossaryTerm.objects.values_list("slug", flat=True),
    )
    parent = parent.specific if parent is not None else default_parent(curriculum.root)
    problems = check_against_database(curriculum, parent)
    if problems:
        raise CurriculumInvalid(problems)
    if dry_run:
        return Report(), curriculum
    try:
        with transaction.atomic():
            writer = _Writer(curriculum, publish)
            writer.write(parent)
    except (ValidationError, DatabaseError) as error:
        # The checks above should leave nothing for the database to refuse;
        # if it still does, the transaction has rolled back: say so, never crash.
        message = f"the database refused the import, nothing was written: {error}"
        raise CurriculumInvalid([ContentError(curriculum.root, 0, message)]) from error
    return writer.report, curriculum


def default_parent(root):
    """The learning catalogue if there is one, else the default site's root page."""
    catalogue = CatalogPage.objects.first()
    if catalogue:
        return catalogue
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise CurriculumInvalid(
            [ContentError(root, 0, "no catalogue page or default site to import into")]
        )
    return site.root_page.specific


class _Writer:
    def __init__(self, curriculum, publish):
        self.curriculum, self.publish, self.report = curriculum, publish, Report()

    def write(self, parent):
        self.competencies = {
            c.slug: self._competency(c) for c, _line in self.curriculum.competencies
        }
        self.competencies.update(
            {c.slug: c for c in Competency.objects.exclude(slug__in=self.competencies)}
        )
        self.term_ids = {
            doc.path.stem: self._glossary_term(doc).pk
            for doc in self.curriculum.glossary
        }
        self.term_ids.update(
            GlossaryTerm.objects.exclude(slug__in=self.term_ids).values_list(
                "slug", "pk"
            )
        )
        for document in self.curriculum.stretch:
            self._stretch(document)
        self.image_ids = self._images()
        for programme in self.curriculum.programmes:
            self._programme(programme, parent)
        self._order(
            parent, [_key("programme", p.meta.slug) for p in self.curriculum.programmes]
        )

    # Snippets -----------------------------------------------------------

    def _upsert(self, kind, model, slug, values):
        instance = model.objects.filter(slug=slug).first()
        if instance is None:
            instance = model.objects.create(slug=slug, **values)
            self.report.add(kind, CREATED)
        elif any(getattr(instance, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(instance, name, value)
            instance.save()
            self.report.add(kind, UPDATED)
        else:
            self.report.add(kind, UNCHANGED)
        return instance

    def _competency(self, meta):
        values = {
            "name": meta.name,
            "skill_area": meta.skill_area,
            "description": meta.description,
            **_level_values(meta.levels),
        }
        return self._upsert("competency", Competency, meta.slug, values)

    def _glossary_term(self, document):
        meta = document.meta
        values = {
            "term": meta.term,
            "abbreviation": meta.abbreviation,
            "definition": document.body.strip(),
            "formula": meta.formula,
            "example": meta.example.model_dump() if meta.example else {},
            "why_it_matters": meta.why_it_matters,
            "competency": self.competencies.get(meta.competency),
        }
        return self._upsert("glossary term", GlossaryTerm, document.path.stem, values)

    def _stretch(self, document):
        meta, slug = document.meta, document.path.stem
        values = {
            "title": meta.title,
            "purpose": meta.purpose,
            "description": document.body.strip(),
            "suggested_weeks": meta.weeks,
        }
        children = (
            sorted(meta.competencies),
            [(m.title, m.week) for m in meta.milestones],
            [_criterion_values(c) for c in meta.rubric],
        )
        template = StretchTemplate.objects.filter(slug=slug).first()
        if (
            template
            and _stretch_children(template) == children
            and all(getattr(template, name) == value for name, value in values.items())
        ):
            self.report.add("stretch template", UNCHANGED)
            return template
        self.report.add("stretch template", UPDATED if template else CREATED)
        template = template or StretchTemplate(slug=slug)
        for name, value in values.items():
            setattr(template, name, value)
        template.competencies = [self.competencies[s] for s in meta.competencies]
        template.milestones = [
            StretchMilestone(title=t, week=w) for t, w in children[1]
        ]
        template.rubric_criteria = [RubricCriterion(**c) for c in children[2]]
        template.save()
        return template

    def _images(self):
        sources = {
            b.data.src
            for m in self.curriculum.modules()
            for b in m.blocks
            if b.kind == "image"
        }
        if not sources:
            return {}
        image_model = get_image_model()
        collection = _curriculum_collection()
        ids = {}
        for src in sorted(sources):
            image = image_model.objects.filter(collection=collection, title=src).first()
            if image is None:
                with open(self.curriculum.root / src, "rb") as handle:
                    image = image_model(title=src, collection=collection)
                    image.file = ImageFile(handle, name=src.rsplit("/", 1)[-1])
                    image.save()
                self.report.add("image", CREATED)
            else:
                self.report.add("image", UNCHANGED)
            ids[src] = image.pk
        return ids

    # Pages ----------------------------------------------------------------

    def _programme(self, document, parent):
        meta = document.meta
        values = {
            "title": meta.title,
            "slug": meta.slug,
            "summary": meta.summary,
            "intro": document.body.strip(),
            "self_enrol": meta.self_enrol,
        }
        page = self._page(
            "programme", ProgrammePage, _key("programme", meta.slug), parent, values
        )
        for course in document.courses:
            self._course(course, page)
        self._order(page, [_key("course", c.meta.slug) for c in document.courses])

    def _course(self, document, parent):
        meta = document.meta
        values = {
            "title": meta.title,
            "slug": meta.slug,
            "summary": meta.summary,
            "intro": document.body.strip(),
            "skill_area": meta.skill_area,
        }
        page = self._page(
            "course", CoursePage, _key("course", meta.slug), parent, values
        )
        for module in document.modules:
            self._module(module, page)
        self._order(page, [_key("module", m.slug) for m in document.modules])
        if self.publish:
            kept = {_key("module", m.slug) for m in self.curriculum.modules()}
            retire_missing_modules(page, kept, self.report)

    def _module(self, document, parent):
        meta = document.meta
        values = {
            "title": meta.title,
            "slug": document.slug,
            "summary": meta.summary,
            "minutes": meta.minutes,
            "practice_minutes": meta.practice_minutes,
            "workbook": meta.workbook,
            "objectives": _normalise(
                ModulePage, "objectives", streams.objectives(document)
            ),
            "body": _normalise(
                ModulePage,
                "body",
                streams.body(document, self.term_ids, self.image_ids),
            ),
            "competencies": sorted(meta.competencies),
        }
        self._page("module", ModulePage, _key("module", document.slug), parent, values)

    def _page(self, kind, model, key, parent, values):
        page = model.objects.filter(import_key=key).first()
        if page is None:
            page = model(import_key=key, live=False)
            _apply(page, values, self.competencies)
            parent.add_child(instance=page)
            self._save(page)
            self.report.add(kind, CREATED)
            return page
        if page.get_parent().pk != parent.pk:
            page.move(parent, pos="last-child")
            page.refresh_from_db()
            self.report.add(kind, MOVED)
        draft = page.get_latest_revision_as_object()
        if _state(draft, values) == values:
            self._publish_if_needed(page, kind)
            self.report.add(kind, UNCHANGED)
            return page
        _apply(draft, values, self.competencies)
        self._save(draft)
        self.report.add(kind, UPDATED)
        return page

    def _save(self, page):
        revision = page.save_revision(log_action=True)
        if self.publish:
            revision.publish()

    def _publish_if_needed(self, page, kind):
        if self.publish and (not page.live or page.has_unpublished_changes):
            page.get_latest_revision().publish()
            self.report.add(kind, PUBLISHED)

    def _order(self, parent, keys):
        """Put imported children in file order, only when they are out of order."""
        children = {
            p.import_key: p
            for p in parent.get_children().specific()
            if getattr(p, "import_key", "")
        }
        wanted = [children[key] for key in keys if key in children]
        current = [p for p in children.values() if p.import_key in keys]
        if [p.pk for p in current] == [p.pk for p in wanted]:
            return
        for page in wanted:
            Page.objects.get(pk=page.pk).move(parent, pos="last-child")


def _key(kind, slug):
    return f"{kind}:{slug}"


def _normalise(model, name, raw):
    """Round-trip stream data through its block, so it compares like stored data."""
    block = model._meta.get_field(name).stream_block
    return block.get_prep_value(block.to_python(raw))


def _state(page, values):
    state = {}
    for name in values:
        if name == "competencies":
            state[name] = sorted(tag.slug for tag in page.competencies.all())
        elif name in ("objectives", "body"):
            field = page._meta.get_field(name)
            state[name] = field.stream_block.get_prep_value(getattr(page, name))
        else:
            state[name] = getattr(page, name)
    return state


def _apply(page, values, competencies):
    for name, value in values.items():
        if name == "competencies":
            page.competencies.set([competencies[slug] for slug in value])
        else:
            setattr(page, name, value)


def _curriculum_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Curriculum").first()
    return existing or root.add_child(name="Curriculum")
