"""Learner pages without JavaScript: plain forms post, the server redirects back."""

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from lms.core.streaks import days_in_a_row as streak
from lms.models import (
    ActionItem,
    CompetencyMastery,
    Enrolment,
    JournalEntry,
    LearningDay,
    ModuleProgress,
    ProgressEvent,
)
from tests.builders.cohorts import enrol_in
from tests.builders.learner import make_action_item, make_entry
from tests.builders.pages import (
    CALM_STEP,
    FIRST_STEP,
    GOOD_ENDING,
    block_ids,
    make_competency,
    make_course,
    make_learning_module,
    make_module,
    make_programme,
)
from tests.builders.people import PASSWORD, make_learner
from tests.builders.progress import complete_rollups, make_progress
from tests.builders.web import (
    EagerClient,
    choice_value,
    form_data,
    option_value,
    section,
    soup,
    text_of,
)

pytestmark = pytest.mark.django_db

Kind = ProgressEvent.Kind


@pytest.fixture
def module():
    return make_learning_module()


@pytest.fixture
def learner():
    return make_learner("learner")


@pytest.fixture
def eager(client, django_capture_on_commit_callbacks):
    return EagerClient(client, django_capture_on_commit_callbacks)


@pytest.fixture
def as_learner(eager, learner, module):
    """The test client, signed in as a learner enrolled in the module's programme."""
    enrol_in(learner, module)
    eager.client.force_login(learner)
    return eager


def answer(visitor, page, question_id, option_text):
    """Read the question's form off the page, choose an option and post it."""
    block = section(visitor.get(page.url), f"question-{question_id}")
    url, data = form_data(block)
    data["chosen"] = option_value(block, option_text)
    return visitor.post(url, data)


def answer_all(visitor, page):
    for question_id in block_ids(page, "question"):
        answer(visitor, page, question_id, "Option 1")


def take(visitor, page, scenario_id, choice_text, query=""):
    block = section(visitor.get(page.url + query), f"scenario-{scenario_id}")
    url, data = form_data(block)
    data["choice_id"] = choice_value(block, choice_text)
    return visitor.post(url, data)


def events(user, kind):
    return ProgressEvent.objects.filter(user=user, kind=kind)


# Module page for an enrolled learner


def test_first_view_marks_the_module_started(as_learner, learner, module):
    as_learner.get(module.url)

    assert events(learner, Kind.STARTED).count() == 1
    progress = ModuleProgress.objects.get(user=learner, module=module)
    assert progress.attempts == 1


def test_second_view_does_not_start_the_module_again(as_learner, learner, module):
    as_learner.get(module.url)

    as_learner.get(module.url)

    assert events(learner, Kind.STARTED).count() == 1


def test_every_answer_form_carries_csrf_and_a_fresh_event_id(as_learner, module):
    first = soup(as_learner.get(module.url))
    second = soup(as_learner.get(module.url))

    forms = first.select("form.event-form")
    ids = [form.find("input", attrs={"name": "event_id"})["value"] for form in forms]
    again = [
        field["value"] for field in second.select("form.event-form [name=event_id]")
    ]
    # Two questions, the scenario's step, the reflection and "complete".
    assert len(forms) == 5
    assert all(
        form.find("input", attrs={"name": "csrfmiddlewaretoken"}) for form in forms
    )
    assert all(uuid.UUID(value) for value in ids)
    assert len(set(ids + again)) == len(ids) + len(again)


def test_answering_redirects_back_to_the_question(as_learner, module):
    [question_id, _other] = block_ids(module, "question")

    response = answer(as_learner, module, question_id, "Option 1")

    assert response.status_code == 302
    assert response.url == f"{module.url}#question-{question_id}"


def test_after_answering_the_page_shows_the_verdict_and_the_options_feedback(
    as_learner, module
):
    [question_id, _other] = block_ids(module, "question")
    answer(as_learner, module, question_id, "Option 1")

    block = section(as_learner.get(module.url), f"question-{question_id}")

    result = block.find(class_="result").get_text(" ", strip=True)
    assert "Right answer." in result
    assert "Feedback 1" in result
    assert "Feedback 0" not in result and "Feedback 2" not in result


def test_a_wrong_option_says_not_quite(as_learner, module):
    [question_id, _other] = block_ids(module, "question")
    answer(as_learner, module, question_id, "Option 2")

    block = section(as_learner.get(module.url), f"question-{question_id}")

    result = block.find(class_="result").get_text(" ", strip=True)
    assert "Not quite" in result
    assert "Feedback 2" in result


def first_try_note(client, module, question_id):
    block = section(client.get(module.url), f"question-{question_id}")
    note = block.find(class_="first-try")
    return note.get_text(" ", strip=True) if note else None


def test_a_second_try_says_the_first_answer_is_the_one_that_counts(as_learner, module):
    [question_id, _other] = block_ids(module, "question")
    answer(as_learner, module, question_id, "Option 2")
    assert first_try_note(as_learner, module, question_id) is None

    answer(as_learner, module, question_id, "Option 1")

    note = first_try_note(as_learner, module, question_id)
    assert note.startswith("Your first answer was not right")
    assert "this try is practice" in note


def test_a_wrong_retry_after_a_right_first_answer_keeps_the_right_one(
    as_learner, module
):
    [question_id, _other] = block_ids(module, "question")
    answer(as_learner, module, question_id, "Option 1")
    answer(as_learner, module, question_id, "Option 2")

    note = first_try_note(as_learner, module, question_id)
    assert note.startswith("Your first answer was right")


def test_posting_the_same_form_twice_records_one_event(as_learner, learner, module):
    [question_id, _other] = block_ids(module, "question")
    block = section(as_learner.get(module.url), f"question-{question_id}")
    url, data = form_data(block)
    data["chosen"] = option_value(block, "Option 1")

    first = as_learner.post(url, data)
    second = as_learner.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert events(learner, Kind.ANSWERED).count() == 1


def test_a_scenario_walked_through_the_forms_reaches_its_ending(as_learner, module):
    [scenario_id] = block_ids(module, "scenario")

    take(as_learner, module, scenario_id, "Let them finish")
    middle = section(as_learner.get(module.url), f"scenario-{scenario_id}")
    take(as_learner, module, scenario_id, "Offer a call back")
    end = section(as_learner.get(module.url), f"scenario-{scenario_id}")

    assert CALM_STEP in middle.get_text()
    ending = end.find(class_="ending").get_text(" ", strip=True)
    assert "Outcome: Good" in ending
    assert GOOD_ENDING in ending
    assert end.find("form") is None


def test_replay_shows_the_scenarios_first_step_again(as_learner, module):
    [scenario_id] = block_ids(module, "scenario")
    take(as_learner, module, scenario_id, "Interrupt")

    block = section(
        as_learner.get(module.url, {"replay": scenario_id}), f"scenario-{scenario_id}"
    )

    assert FIRST_STEP in block.find("blockquote", class_="step").get_text()
    assert block.find(class_="ending") is None
    assert choice_value(block, "Interrupt")


def test_a_reflection_is_saved_to_the_private_journal(as_learner, learner, module):
    [prompt_id] = block_ids(module, "reflection")
    block = section(as_learner.get(module.url), f"reflection-{prompt_id}")
    url, data = form_data(block)
    data["text"] = "I interrupted too early."

    as_learner.post(url, data)

    entry = JournalEntry.objects.get(user=learner)
    assert entry.text == "I interrupted too early."
    assert not entry.shared
    saved = section(as_learner.get(module.url), f"reflection-{prompt_id}")
    assert "Saved to your private journal" in saved.get_text()


def test_adding_the_action_twice_puts_it_on_the_plan_once(as_learner, learner, module):
    [action_id] = block_ids(module, "action")
    url, data = form_data(section(as_learner.get(module.url), f"action-{action_id}"))

    as_learner.post(url, data)
    response = as_learner.post(url, data)

    assert response.status_code == 302
    assert response.url == f"{module.url}#action-{action_id}"
    item = ActionItem.objects.get(user=learner)
    assert item.title == "Count to three"


def test_complete_is_disabled_until_every_question_is_answered(as_learner, module):
    [question_id, _other] = block_ids(module, "question")
    answer(as_learner, module, question_id, "Option 1")

    block = section(as_learner.get(module.url), "complete")

    assert "1 of 2 questions answered" in block.get_text()
    assert block.find("button").has_attr("disabled")


def test_completing_early_shows_an_error_and_records_nothing(
    as_learner, learner, module
):
    url, data = form_data(section(as_learner.get(module.url), "complete"))

    response = as_learner.post(url, data, follow=True)

    messages = [m.get_text() for m in soup(response).select(".messages .error")]
    assert messages == ["answer all 2 questions before completing (0 answered)"]
    assert not events(learner, Kind.COMPLETED).exists()


def test_after_answering_every_question_the_module_can_be_completed(
    as_learner, learner, module
):
    answer_all(as_learner, module)
    block = section(as_learner.get(module.url), "complete")
    url, data = form_data(block)

    as_learner.post(url, data)

    assert not block.find("button").has_attr("disabled")
    assert "You completed this module" in text_of(as_learner.get(module.url))
    progress = ModuleProgress.objects.get(user=learner, module=module)
    assert progress.status == ModuleProgress.Status.COMPLETED


# Visitors and learners who are not enrolled


def test_a_visitor_sees_the_module_without_recording_forms(client, module):
    response = client.get(module.url)

    page = soup(response)
    assert response.status_code == 200
    assert "Question 0?" in page.get_text()
    assert not page.select("[name=event_id]")
    assert not page.select("[name=block_id]")
    assert "Sign in and enrol to take part" in page.get_text()


def test_a_signed_in_learner_who_is_not_enrolled_is_asked_to_enrol(
    client, learner, module
):
    client.force_login(learner)

    response = client.get(module.url)

    page = soup(response)
    assert not page.select("[name=event_id]")
    assert not page.select("[name=block_id]")
    assert "Enrol in this programme to take part" in page.get_text()
    assert not ProgressEvent.objects.exists()


def test_an_event_from_a_learner_who_is_not_enrolled_is_forbidden(
    eager, learner, module
):
    eager.client.force_login(learner)
    [question_id, _other] = block_ids(module, "question")
    option = option_value(
        section(eager.get(module.url), f"question-{question_id}"), "Option 1"
    )

    response = eager.post(
        "/learn/events/",
        {
            "event_id": str(uuid.uuid4()),
            "type": "answered",
            "module_id": module.pk,
            "question_id": question_id,
            "chosen": option,
        },
    )

    assert response.status_code == 403
    assert not ProgressEvent.objects.exists()


def test_an_action_from_a_learner_who_is_not_enrolled_is_forbidden(
    client, learner, module
):
    client.force_login(learner)
    [action_id] = block_ids(module, "action")

    response = client.post(
        "/learn/actions/", {"module_id": module.pk, "block_id": action_id}
    )

    assert response.status_code == 403
    assert not ActionItem.objects.exists()


def test_an_action_for_a_malformed_module_id_is_not_found(client, learner):
    client.force_login(learner)
    client.raise_request_exception = False

    response = client.post("/learn/actions/", {"module_id": "abc", "block_id": "x"})

    assert response.status_code == 404


def test_an_offsite_next_redirects_to_my_learning(as_learner, module):
    url, data = form_data(section(as_learner.get(module.url), "complete"))
    data["next"] = "https://evil.example.com/phish"

    response = as_learner.post(url, data)

    assert response.status_code == 302
    assert response.url == "/learn/"


@pytest.mark.parametrize(
    "path",
    ["/learn/events/", "/learn/actions/", "/learn/actions/1/", "/learn/enrol/1/"],
)
def test_post_only_views_refuse_get(client, learner, path):
    client.force_login(learner)

    response = client.get(path)

    assert response.status_code == 405


def test_logout_refuses_get(client, learner):
    client.force_login(learner)

    response = client.get("/accounts/logout/")

    assert response.status_code == 405


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/learn/"),
        ("get", "/learn/journal/"),
        ("get", "/learn/journal/1/"),
        ("post", "/learn/events/"),
        ("post", "/learn/actions/"),
        ("post", "/learn/actions/1/"),
        ("post", "/learn/enrol/1/"),
    ],
)
def test_visitors_are_sent_to_sign_in(client, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={path}"


# My learning


@pytest.fixture
def three_modules():
    """A programme with one course of three modules, m0 to m2 in order."""
    course = make_course(parent=make_programme())
    return course, [
        make_module(parent=course, slug=f"m{n}", title=f"Module {n}") for n in range(3)
    ]


def continue_link(response):
    [link] = [a for a in soup(response).select("a.button") if "Continue:" in a.text]
    return link["href"], link.get_text(strip=True)


def test_my_learning_shows_progress_bars_for_each_enrolled_programme(
    client, learner, three_modules
):
    course, modules = three_modules
    enrolment = enrol_in(learner, course)
    complete_rollups(enrolment, course, modules[:1])
    client.force_login(learner)

    response = client.get("/learn/")

    programme = soup(response).find("section", class_="programme")
    bars = [
        " ".join(bar.get_text(" ", strip=True).split())
        for bar in programme.select(".progress")
    ]
    assert "Front line to team leader" in programme.h2.get_text()
    assert bars == [
        "Programme 1 of 3 modules 33%",
        "Difficult conversations 1 of 3 modules 33%",
    ]
    assert [p["value"] for p in programme.select("progress")] == ["33", "33"]


def test_completing_a_module_through_the_page_moves_my_learning_on(as_learner, module):
    answer_all(as_learner, module)
    url, data = form_data(section(as_learner.get(module.url), "complete"))
    as_learner.post(url, data)

    response = as_learner.get("/learn/")

    assert "Programme 1 of 1 modules" in text_of(response)
    assert "You have completed every module" in text_of(response)


def test_continue_points_at_the_unfinished_module_touched_last(
    client, learner, three_modules
):
    course, (first, second, third) = three_modules
    enrol_in(learner, course)
    now = timezone.now()
    make_progress(learner, first, last_activity_at=now - timedelta(days=2))
    make_progress(learner, second, last_activity_at=now - timedelta(hours=1))
    make_progress(
        learner,
        third,
        status=ModuleProgress.Status.COMPLETED,
        last_activity_at=now,
    )
    client.force_login(learner)

    href, text = continue_link(client.get("/learn/"))

    assert (href, text) == (second.url, "Continue: Module 1")


def test_continue_falls_back_to_the_first_module_not_completed(
    client, learner, three_modules
):
    course, (first, second, _third) = three_modules
    enrolment = enrol_in(learner, course)
    complete_rollups(enrolment, course, [first])
    client.force_login(learner)

    href, text = continue_link(client.get("/learn/"))

    assert (href, text) == (second.url, "Continue: Module 1")


def stat(response, label):
    """The figure shown before `label` in the stats list."""
    for item in soup(response).select(".stats li"):
        if label in item.get_text():
            return item.find(class_="stat").get_text()
    raise AssertionError(f"no stat {label!r}")


def test_my_learning_shows_the_streak_of_days_in_a_row(client, learner):
    today = timezone.localdate()
    for back in (1, 2, 3, 5):
        LearningDay.objects.create(
            user=learner, day=today - timedelta(days=back), seconds=60
        )
    client.force_login(learner)

    response = client.get("/learn/")

    assert stat(response, "in a row") == "3"


def test_my_learning_shows_minutes_learned_this_week_only(client, learner):
    today = timezone.localdate()
    LearningDay.objects.create(user=learner, day=today, seconds=600)
    LearningDay.objects.create(
        user=learner, day=today - timedelta(days=7), seconds=3000
    )
    client.force_login(learner)

    response = client.get("/learn/")

    assert stat(response, "this week") == "10"


def test_my_learning_shows_competency_bars(client, learner):
    competency = make_competency(name="De-escalation")
    CompetencyMastery.objects.create(
        user=learner, competency=competency, answered=4, correct=3
    )
    client.force_login(learner)

    response = client.get("/learn/")

    block = soup(response).find(
        "section", attrs={"aria-labelledby": "competencies-heading"}
    )
    bar = " ".join(block.find(class_="progress").get_text(" ", strip=True).split())
    assert bar == "De-escalation 3 of 4 answers right 75%"


def test_my_learning_lists_recent_activity(as_learner, module):
    [question_id, _other] = block_ids(module, "question")
    answer(as_learner, module, question_id, "Option 1")

    response = as_learner.get("/learn/")

    items = [
        " ".join(li.get_text(" ", strip=True).split())
        for li in soup(response).select(".activity li")
    ]
    assert [item.split(" · ")[1] for item in items] == [
        "Answered a question: The first minute",
        "Started a module: The first minute",
    ]


TODAY = date(2026, 3, 11)


def days_back(*offsets):
    return {TODAY - timedelta(days=n): 60 for n in offsets}


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (days_back(), 0),
        (days_back(0), 1),
        (days_back(0, 1, 2), 3),
        (days_back(1, 2), 2),  # today not done yet: the run ending yesterday counts
        (days_back(2, 3), 0),  # missed yesterday: the streak is broken
        (days_back(0, 1, 3, 4, 5), 2),  # a gap ends the run
        (days_back(-1, 0), 1),  # a day in the future does not count
    ],
)
def test_streak(days, expected):
    assert streak(days, TODAY) == expected


# Journal


def test_journal_lists_reflections_and_actions_newest_first(client, learner):
    make_entry(
        learner, text="Older thought", created_at=timezone.now() - timedelta(days=3)
    )
    make_entry(learner, text="Newer thought")
    make_action_item(learner, title="Count to three")
    make_entry(make_learner("someone-else"), text="Not mine")
    client.force_login(learner)

    response = client.get("/learn/journal/")

    page = soup(response)
    entries = [li.get_text(" ", strip=True) for li in page.select(".entries li")]
    assert len(entries) == 2
    assert "Newer thought" in entries[0] and "Older thought" in entries[1]
    assert timezone.localdate().strftime("%-d %b %Y") in entries[0]
    assert "Count to three" in page.select_one(".plan").get_text()
    assert "Not mine" not in page.get_text()


def test_a_learner_edits_the_text_and_sharing_of_an_entry(client, learner):
    entry = make_entry(learner)
    client.force_login(learner)

    response = client.post(
        f"/learn/journal/{entry.pk}/", {"text": "Rewritten.", "shared": "on"}
    )

    entry.refresh_from_db()
    assert response.status_code == 302
    assert response.url == "/learn/journal/"
    assert (entry.text, entry.shared) == ("Rewritten.", True)


def test_another_learners_entry_is_not_found(client, learner):
    entry = make_entry(make_learner("owner"), text="Mine alone")
    client.force_login(learner)

    shown = client.get(f"/learn/journal/{entry.pk}/")
    posted = client.post(f"/learn/journal/{entry.pk}/", {"text": "Hijacked"})

    entry.refresh_from_db()
    assert (shown.status_code, posted.status_code) == (404, 404)
    assert entry.text == "Mine alone"


def test_another_learners_action_cannot_be_updated(client, learner):
    item = make_action_item(make_learner("owner"))
    client.force_login(learner)

    done = client.post(f"/learn/actions/{item.pk}/", {"do": "done"})
    removed = client.post(f"/learn/actions/{item.pk}/", {"do": "delete"})

    item.refresh_from_db()
    assert (done.status_code, removed.status_code) == (404, 404)
    assert not item.done


def test_marking_an_action_done_and_not_done(client, learner):
    item = make_action_item(learner)
    client.force_login(learner)

    client.post(f"/learn/actions/{item.pk}/", {"do": "done"})
    item.refresh_from_db()
    done = (item.done, item.done_at is not None)
    client.post(f"/learn/actions/{item.pk}/", {"do": "open"})
    item.refresh_from_db()

    assert done == (True, True)
    assert (item.done, item.done_at) == (False, None)


def test_removing_an_action(client, learner):
    item = make_action_item(learner)
    client.force_login(learner)

    response = client.post(f"/learn/actions/{item.pk}/", {"do": "delete"})

    assert response.url == "/learn/journal/#plan-heading"
    assert not ActionItem.objects.filter(pk=item.pk).exists()


# Self-enrolment


def test_a_learner_self_enrols_where_the_programme_allows_it(client, learner):
    programme = make_programme(self_enrol=True)
    client.force_login(learner)

    response = client.post(f"/learn/enrol/{programme.pk}/")

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.programme_id == programme.pk
    assert enrolment.source == Enrolment.Source.SELF


def test_self_enrolment_is_forbidden_where_the_programme_does_not_allow_it(
    client, learner
):
    programme = make_programme(self_enrol=False)
    client.force_login(learner)

    response = client.post(f"/learn/enrol/{programme.pk}/")

    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_programme_page_offers_enrol_then_says_you_are_enrolled(client, learner):
    programme = make_programme(self_enrol=True)
    client.force_login(learner)

    before = soup(client.get(programme.url))
    client.post(f"/learn/enrol/{programme.pk}/")
    after = soup(client.get(programme.url))

    form = before.find("form", action=f"/learn/enrol/{programme.pk}/")
    assert form.button.get_text(strip=True) == "Enrol in this programme"
    assert "You are enrolled" in after.get_text()
    assert after.find("form", action=f"/learn/enrol/{programme.pk}/") is None


# Signing in and out


def test_login_page_uses_the_site_template(client):
    response = client.get("/accounts/login/")

    page = soup(response)
    assert response.status_code == 200
    assert page.find("a", class_="skip-link") is not None
    assert page.find("nav", class_="site-nav") is not None
    assert page.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None


def test_signing_in_leads_to_my_learning(client, learner):
    response = client.post(
        "/accounts/login/", {"username": "learner", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/learn/"
    assert response.context["user"] == learner


def test_a_wrong_password_is_refused_on_the_same_page(client, learner):
    response = client.post(
        "/accounts/login/", {"username": "learner", "password": "wrong"}
    )

    assert response.status_code == 200
    assert soup(response).find(class_="errors") is not None
    assert not response.context["user"].is_authenticated


def test_signing_out_is_a_post(client, learner):
    client.force_login(learner)

    client.post("/accounts/logout/")

    assert client.get("/learn/").status_code == 302
