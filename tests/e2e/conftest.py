"""A real Chromium (Debian's package) driven by Playwright against the live server."""

import os
import shutil

import pytest

from tests.builders.cohorts import enrol_in
from tests.builders.pages import make_course, make_learning_module
from tests.builders.people import PASSWORD
from tests.builders.stretch import make_stretch_scene

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is missing: run `make e2e-deps` (CI must not skip browser tests)"
            )
        pytest.skip("Chromium is not installed; `make e2e-deps` installs it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM must still be usable.
    with (
        pytest.MonkeyPatch.context() as patch,
        sync_playwright() as playwright,
    ):
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A page the size of a small phone: 360 by 740 CSS pixels."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def scene(live_server):
    """A learner, their mentor and manager (passwords set), a project and a module."""
    scene = make_stretch_scene()
    for user in (scene.learner, scene.mentor, scene.manager):
        user.set_password(PASSWORD)
        user.save()
    scene.module = make_learning_module(parent=make_course(parent=scene.programme))
    enrol_in(scene.learner, scene.module)
    scene.server = live_server.url
    return scene
