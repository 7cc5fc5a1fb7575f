"""The badge classes of the curriculum: one per course, one per programme, one
per stretch-project template, with words drawn from the pages and templates.

`ensure_defaults()` (the `badge_classes` command, run by `make run`) makes the
missing ones so trainers can edit them before anyone earns them; an award
finds or makes its own class all the same (`for_page`, `for_template`), so
a site that never runs the command still awards. Neither ever changes a class
that exists: trainers' edits stay.
"""

from django.db import IntegrityError, transaction

from courses.models import (
    Competency,
    CoursePage,
    ModulePage,
    ProgrammePage,
    StretchTemplate,
    TaggedCompetency,
)
from lms.contrib.badges.models import BadgeClass

Kind = BadgeClass.Kind


def ensure_defaults():
    """Make the missing classes of every programme, course and template:
    {kind: number made}."""
    made = {kind: 0 for kind in Kind.values}
    for programme in ProgrammePage.objects.live().order_by("path"):
        made[Kind.PROGRAMME] += _made(for_page(programme))
        for course in CoursePage.objects.child_of(programme).live().order_by("path"):
            made[Kind.COURSE] += _made(for_page(course))
    for template in StretchTemplate.objects.order_by("pk"):
        made[Kind.PROJECT] += _made(for_template(template))
    return made


def _made(found):
    return int(found[1])


def for_page(page):
    """(BadgeClass, created) of a course or programme page."""
    page = page.specific
    existing = BadgeClass.objects.filter(page=page).first()
    if existing:
        return existing, False
    if isinstance(page, ProgrammePage):
        kind, words = Kind.PROGRAMME, _programme_words(page)
    elif isinstance(page, CoursePage):
        kind, words = Kind.COURSE, _course_words(page)
    else:
        raise ValueError(f"No badge for a {type(page).__name__}.")
    return _create(dict(kind=kind, page=page, **words), _competencies_under(page))


def for_template(template):
    """(BadgeClass, created) of a stretch-project template."""
    existing = BadgeClass.objects.filter(template=template).first()
    if existing:
        return existing, False
    criteria = ", ".join(c.criterion for c in template.rubric_criteria.all())
    words = {
        "name": template.title[:200],
        "description": template.purpose,
        "criteria": (
            f"Carried out the stretch project \u201c{template.title}\u201d, work "
            "above current duties, and had it approved by a mentor who rated "
            f"every criterion of its rubric ({criteria or 'as assigned'})."
        ),
    }
    fields = dict(kind=Kind.PROJECT, template=template, **words)
    return _create(fields, list(template.competencies.all()))


def _create(fields, competencies):
    """Create the class with its competencies, or find the one a concurrent
    award made first (the unique constraints tell)."""
    lookup = {k: fields[k] for k in ("page", "template") if k in fields}
    try:
        with transaction.atomic():
            badge_class = BadgeClass.objects.create(**fields)
            badge_class.competencies.set(competencies)
            badge_class.save()  # a ClusterableModel writes its M2M on save
    except IntegrityError:
        return BadgeClass.objects.get(**lookup), False
    return badge_class, True


def _programme_words(programme):
    return {
        "name": programme.title[:200],
        "description": programme.summary
        or f"Completed the programme \u201c{programme.title}\u201d.",
        "criteria": (
            f"Completed every module of every course of the programme "
            f"\u201c{programme.title}\u201d, each with its knowledge checks answered."
        ),
    }


def _course_words(course):
    programme = course.get_parent()
    return {
        "name": course.title[:200],
        "description": course.summary
        or f"Completed the course \u201c{course.title}\u201d.",
        "criteria": (
            f"Completed every module of the course \u201c{course.title}\u201d "
            f"of the programme \u201c{programme.title}\u201d, each with its "
            "knowledge checks answered."
        ),
    }


def _competencies_under(page):
    """The competencies the live modules below the page are tagged with."""
    modules = ModulePage.objects.live().filter(path__startswith=page.path)
    tags = TaggedCompetency.objects.filter(content_object__in=modules)
    return list(Competency.objects.filter(pk__in=tags.values("tag_id")))
