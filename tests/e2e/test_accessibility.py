"""axe-core finds no critical or serious problem on the learner's pages and on the
manager's and mentor's pages in the admin, at phone and desktop widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from lms.assessment.flow import programme_competencies, start_round
from lms.models import Enrolment
from tests.builders.assessment import rate
from tests.builders.people import PASSWORD
from tests.builders.web import cohort_url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SERIOUS = {"critical", "serious"}
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def problems(page):
    """The critical and serious violations axe finds on the page, as readable lines."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def signed_in(browser, scene, who, login_path, viewport):
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{scene.server}{login_path}")
    page.fill("#id_username", who.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()
    return page


def scan(page, server, paths):
    found = {}
    for path in paths:
        response = page.goto(f"{server}{path}")
        page.wait_for_load_state("networkidle")
        # A page that failed to load, or a sign-in page instead, scans clean.
        if not response.ok or "login" in page.url and "login" not in path:
            found[path] = [f"HTTP {response.status} at {page.url}"]
        elif issues := problems(page):
            found[path] = issues
    return found


def assessed(scene):
    """The learner's enrolment with one complete self-assessment round and a
    second one open, so the gap picture, focus and a rating screen all show."""
    enrolment = Enrolment.objects.get(user=scene.learner)
    competencies = [c for c, _n in programme_competencies(enrolment.programme)]
    rate(enrolment, {c.slug: 2 for c in competencies})
    start_round(enrolment)
    return enrolment, competencies[0]


def assessment_paths(scene):
    enrolment, competency = assessed(scene)
    return [
        reverse("lms:assessment_index"),
        reverse("lms:assessment", args=[enrolment.pk]),
        reverse("lms:assessment_rate", args=[enrolment.pk]),
        reverse("lms:assessment_focus", args=[enrolment.pk]),
        reverse("lms:assessment_choose", args=[enrolment.pk, competency.pk]),
    ]


def learner_paths(scene):
    return assessment_paths(scene) + [
        "/learn/",
        scene.module.url,
        scene.module.get_parent().url,
        "/learn/journal/",
        "/learn/projects/",
        reverse("lms:project", args=[scene.assignment.pk]),
        "/learn/calendar/",
        reverse("lms:review"),
        reverse("lms:time_audit"),
        reverse("lms:time_audit_settings"),
        reverse("lms:time_audit_values"),
        "/glossary/?q=zzzz",
        "/search/?q=caller",
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_learners_pages_have_no_serious_problems(browser, scene, viewport):
    page = signed_in(browser, scene, scene.learner, "/accounts/login/", viewport)

    assert scan(page, scene.server, learner_paths(scene)) == {}


def test_the_signed_out_pages_have_no_serious_problems(browser, scene):
    page = browser.new_context(viewport=PHONE, bypass_csp=True).new_page()

    paths = ["/accounts/login/", "/accounts/password/reset/", scene.module.url, "/"]
    assert scan(page, scene.server, paths) == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_managers_admin_pages_have_no_serious_problems(browser, scene, viewport):
    page = signed_in(browser, scene, scene.manager, "/admin/login/", viewport)
    cohort = scene.cohort
    enrolment = Enrolment.objects.filter(cohort=cohort).first()
    paths = [
        "/admin/",
        reverse("lms_cohorts:index"),
        cohort_url("dashboard", cohort),
        cohort_url("learner", cohort, enrolment.pk),
        cohort_url("enrol", cohort),
        cohort_url("projects", cohort),
        cohort_url("assign_project", cohort),
        cohort_url("project", cohort, scene.assignment.pk),
    ]

    assert scan(page, scene.server, paths) == {}


def test_the_mentors_admin_pages_have_no_serious_problems(browser, scene):
    page = signed_in(browser, scene, scene.mentor, "/admin/login/", DESKTOP)
    paths = [
        "/admin/",
        reverse("lms_mentoring:queue"),
        reverse("lms_mentoring:review", args=[scene.assignment.pk]),
        reverse("lms_mentoring:learners"),
        reverse("lms_mentoring:notes", args=[scene.learner.pk]),
        reverse("lms_mentoring:add_note", args=[scene.learner.pk]),
        reverse("lms:assessment_mentee", args=[assessed(scene)[0].pk]),
    ]

    assert scan(page, scene.server, paths) == {}


def test_the_scan_does_find_a_serious_problem(browser):
    page = browser.new_context(bypass_csp=True).new_page()
    page.set_content(
        '<html lang="en"><body><main><button></button>'
        '<input type="text"></main></body></html>'
    )

    found = problems(page)

    assert any(line.startswith("button-name") for line in found)
    assert any(line.startswith("label") for line in found)


def test_a_confirmation_and_the_practice_page_have_no_serious_problems(browser, scene):
    from lms.models import ActionItem

    scene.module.workbook = "lookups"
    scene.module.save_revision().publish()
    item = ActionItem.objects.create(
        user=scene.learner, title="Count to three", instructions="Pause first."
    )
    page = signed_in(browser, scene, scene.learner, "/accounts/login/", PHONE)
    page.goto(f"{scene.server}/learn/journal/")
    page.get_by_role("button", name="Mark done").click()
    page.wait_for_url(f"**#action-{item.pk}")

    assert problems(page) == []
    assert (
        scan(page, scene.server, [reverse("lms:practice", args=[scene.module.pk])])
        == {}
    )


def test_a_trainers_module_editor_has_no_serious_problems(browser, scene):
    from django.contrib.auth.models import Group

    from lms.roles import TRAINERS
    from tests.builders.people import make_user

    trainer = make_user("axe-trainer", TRAINERS)
    trainer.set_password(PASSWORD)
    trainer.save()
    assert Group.objects.get(name=TRAINERS) in trainer.groups.all()
    page = signed_in(browser, scene, trainer, "/admin/login/", DESKTOP)
    editor = reverse("wagtailadmin_pages:edit", args=[scene.module.pk])

    assert scan(page, scene.server, [editor]) == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_set_aside_events_page_has_no_serious_problems(browser, scene, viewport):
    from lms.models import ProgressEvent
    from tests.builders.people import make_user

    admin = make_user("root", password=PASSWORD, is_superuser=True, is_staff=True)
    ProgressEvent.objects.create(
        user=scene.learner,
        module=scene.module,
        enrolment=Enrolment.objects.get(user=scene.learner),
        kind="answered",
        occurred_at=scene.learner.date_joined,
        body_hash="0" * 64,
        failures=3,
        failed_at=scene.learner.date_joined,
        error="KeyError: 'question_count'",
    )
    page = signed_in(browser, scene, admin, "/admin/login/", viewport)

    assert scan(page, scene.server, [reverse("lms_progress:set_aside")]) == {}
    assert "KeyError: 'question_count'" in page.content()  # the listing was scanned
