"""Rating oneself through the pages: a screen per skill area, then the pipeline;
stop and resume; bad input shown again with nothing saved; only one's own."""

import pytest
from django.test import Client

from lms.assessment.flow import PIPELINE
from lms.models import Assessment, SelfRating
from tests.builders.assessment import (
    make_assessed_learner,
    rate,
    screen_post,
    steps_of,
    teach,
)
from tests.builders.cohorts import enrol_in_cohort, make_cohort
from tests.builders.pages import make_programme_with_modules
from tests.builders.people import make_manager, make_user
from tests.builders.web import option_value, section, soup, text_of

pytestmark = pytest.mark.django_db

LEVELS = {"de-escalation": 4, "coaching": 2}


@pytest.fixture
def learner(client):
    learner = make_assessed_learner(username="ada")
    client.force_login(learner.user)
    return learner


def screens(learner):
    return {step.key: step for step in steps_of(learner.enrolment)}


def screen_url(learner, key):
    return f"{learner.url}rate/{key}/"


def post_screen(client, learner, key, levels=LEVELS, **kwargs):
    step = screens(learner)[key]
    return client.post(screen_url(learner, key), screen_post(step, levels, **kwargs))


def started(client, learner):
    response = client.post(f"{learner.url}start/")
    assert response.status_code == 302
    return Assessment.objects.get(enrolment=learner.enrolment)


def test_before_a_round_the_page_explains_and_offers_start(client, learner):
    response = client.get(learner.url)

    assert response.status_code == 200
    form = soup(response).find("form", action=f"{learner.url}start/")
    assert form["method"] == "post" and form.button.get_text() == "Start"
    assert not Assessment.objects.exists()


def test_start_opens_round_one_at_the_first_screen(client, learner):
    response = client.post(f"{learner.url}start/", follow=True)

    assert response.redirect_chain[-1][0] == screen_url(
        learner, "difficult-personalities"
    )
    assert "Screen 1 of 3" in text_of(response)
    progress = soup(response).find("progress")
    assert (progress["value"], progress["max"]) == ("1", "3")
    assert Assessment.objects.get().round == 1


def test_each_competency_is_a_fieldset_of_four_anchored_levels(client, learner):
    competency = learner.programme.de_escalation
    competency.set_levels({n: f"Anchor {n} of de-escalation" for n in (1, 2, 3)})
    competency.save()
    started(client, learner)

    response = client.get(screen_url(learner, "difficult-personalities"))

    fieldset = section(response, f"question-competency-{competency.pk}")
    assert fieldset.name == "fieldset"
    assert fieldset.legend.get_text(strip=True) == "De-escalation"
    assert option_value(fieldset, "Level 2: Anchor 2 of de-escalation") == "2"
    # A level without an anchor is still offered.
    assert option_value(fieldset, "Level 4") == "4"


def test_the_pipeline_screen_asks_the_traits_and_the_desire_to_lead(client, learner):
    started(client, learner)

    response = client.get(screen_url(learner, PIPELINE))

    page = text_of(response)
    assert "How much do you want to lead?" in page and "Why?" in page
    humility = section(response, "question-trait-humility")
    assert (
        option_value(
            humility,
            "Level 3: I own my mistakes first, share credit, and ask when I do not know.",
        )
        == "3"
    )
    desire = section(response, "question-desire")
    assert option_value(desire, "Not for me, at least not now") == "1"


def test_stop_after_one_screen_and_resume_at_the_next(client, learner):
    assessment = started(client, learner)

    stopped = post_screen(client, learner, "difficult-personalities", then="stop")
    assert stopped["Location"] == learner.url
    resumed = client.get(f"{learner.url}rate/")
    assert resumed["Location"] == screen_url(learner, "coaching")
    assert "Continue (screen 2 of 3)" in text_of(client.get(learner.url))
    assert "Continue your self-assessment (2 of 3)" in text_of(client.get("/learn/"))

    assert post_screen(client, learner, "coaching")["Location"] == screen_url(
        learner, PIPELINE
    )
    assessment.refresh_from_db()
    assert assessment.completed_at is None
    finished = post_screen(client, learner, PIPELINE, desire=4, reason="I am ready.")
    assert finished["Location"] == learner.url
    assessment.refresh_from_db()
    assert assessment.completed_at is not None
    assert (assessment.desire_to_lead, assessment.desire_reason) == (4, "I am ready.")
    assert client.get(f"{learner.url}rate/")["Location"] == learner.url


def test_a_screen_already_rated_shows_its_levels_checked(client, learner):
    started(client, learner)
    post_screen(client, learner, "difficult-personalities")

    response = client.get(screen_url(learner, "difficult-personalities"))

    checked = soup(response).find_all("input", checked=True)
    assert [(i["name"], i["value"]) for i in checked] == [
        (f"competency-{learner.programme.de_escalation.pk}", "4")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [(None, "Choose a level"), ("7", "one of the four"), ("lots", "one of the four")],
    ids=["missing", "out-of-range", "not-a-number"],
)
def test_a_bad_level_shows_the_screen_again_and_saves_nothing(
    client, learner, value, message
):
    started(client, learner)
    step = screens(learner)["coaching"]
    data = screen_post(step, LEVELS)
    name = f"competency-{learner.programme.coaching.pk}"
    data.pop(name) if value is None else data.update({name: value})

    response = client.post(screen_url(learner, "coaching"), data)

    assert response.status_code == 400
    alert = section(response, f"question-{name}").find(attrs={"role": "alert"})
    assert message in alert.get_text()
    assert not SelfRating.objects.exists()


def test_the_pipeline_without_a_desire_to_lead_saves_nothing(client, learner):
    assessment = started(client, learner)
    data = screen_post(screens(learner)[PIPELINE], LEVELS)
    del data["desire"]

    response = client.post(screen_url(learner, PIPELINE), data)

    assert response.status_code == 400
    assert "Say how much you want to lead." in text_of(response)
    assert not SelfRating.objects.exists()
    assessment.refresh_from_db()
    assert assessment.desire_to_lead is None


def test_an_unknown_screen_is_a_404(client, learner):
    started(client, learner)

    assert client.get(screen_url(learner, "juggling")).status_code == 404
    assert (
        client.post(screen_url(learner, "juggling"), {"then": "next"}).status_code
        == 404
    )


def test_a_complete_round_takes_no_more_ratings(client, learner):
    rate(learner.enrolment, LEVELS)

    response = post_screen(
        client, learner, "coaching", levels={**LEVELS, "coaching": 1}
    )

    assert response.status_code == 400
    assert "This round is complete" in text_of(response)
    rating = SelfRating.objects.get(competency=learner.programme.coaching)
    assert rating.level == 2
    # Reading a screen of a complete round leads back to the overview.
    assert client.get(screen_url(learner, "coaching"))["Location"] == learner.url


def test_rating_before_starting_saves_nothing(client, learner):
    response = post_screen(client, learner, "coaching")

    assert response.status_code == 400
    assert "Press Start" in text_of(response)
    assert not Assessment.objects.exists() and not SelfRating.objects.exists()


def test_rate_yourself_again_opens_round_two_with_the_last_levels_as_hints(
    client, learner
):
    rate(learner.enrolment, LEVELS)
    overview = soup(client.get(learner.url))
    assert overview.find("form", action=f"{learner.url}start/").button.get_text() == (
        "Rate yourself again"
    )

    response = client.post(f"{learner.url}start/", follow=True)

    assert [a.round for a in Assessment.objects.order_by("round")] == [1, 2]
    assert "Last round you chose level 4." in text_of(response)
    assert not soup(response).find_all("input", checked=True)


def test_a_trait_the_programme_teaches_is_asked_once(client, learner):
    humility = teach(
        learner.programme,
        name="Humility",
        slug="humility",
        skill_area="general-leadership",
    )
    started(client, learner)

    leadership = client.get(screen_url(learner, "general-leadership"))
    pipeline = client.get(screen_url(learner, PIPELINE))

    assert soup(leadership).find("input", attrs={"name": f"competency-{humility.pk}"})
    assert not soup(pipeline).find("input", attrs={"name": "trait-humility"})
    assert soup(pipeline).find("input", attrs={"name": "trait-coachability"})
    assert "Screen 1 of 4" in text_of(
        client.get(screen_url(learner, "difficult-personalities"))
    )


def test_another_learners_self_assessment_is_a_404(client, learner):
    other = make_assessed_learner(programme=learner.programme, username="bea")
    rate(other.enrolment, LEVELS, only=["difficult-personalities"])
    before = SelfRating.objects.count()
    key = "coaching"
    data = screen_post(screens(other)[key], LEVELS)

    assert client.get(other.url).status_code == 404
    assert client.get(f"{other.url}rate/").status_code == 404
    assert client.get(screen_url(other, key)).status_code == 404
    assert client.post(screen_url(other, key), data).status_code == 404
    assert client.post(f"{other.url}start/").status_code == 404
    assert SelfRating.objects.count() == before


@pytest.mark.parametrize("who", ["manager", "superuser"])
def test_managers_and_superusers_get_a_404_too(client, learner, who):
    rate(learner.enrolment, LEVELS)
    if who == "manager":
        viewer = make_manager(cohorts=[learner.enrolment.cohort])
    else:
        viewer = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(viewer)

    assert client.get(learner.url).status_code == 404
    assert client.get(f"{learner.url}focus/").status_code == 404


def test_signing_in_is_required(learner):
    response = Client().get(learner.url)

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_post_without_the_csrf_token_is_refused(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner.user)

    assert client.post(f"{learner.url}start/").status_code == 403
    assert not Assessment.objects.exists()


def test_one_programme_goes_straight_to_it_several_offer_a_choice(client, learner):
    assert client.get("/learn/assessment/")["Location"] == learner.url

    programme = make_programme_with_modules("second")
    second = enrol_in_cohort(learner.user, make_cohort(programme.page))
    response = client.get("/learn/assessment/")

    assert response.status_code == 200
    links = [a["href"] for a in soup(response).select("ul.cards a")]
    assert links == [learner.url, f"/learn/assessment/{second.pk}/"]
