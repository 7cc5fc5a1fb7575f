"""Every module body block renders, and never gives away an answer."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses.blocks import ModuleBodyBlock
from tests.builders.pages import make_term, question

BODY = ModuleBodyBlock()
VIDEO_URL = "https://www.youtube.com/watch?v=abc123"


def render(block_type, raw, block_id="block-1"):
    """Render raw StreamField data of one body block as the module page does."""
    block = BODY.child_blocks[block_type]
    return str(block.render(block.to_python(raw), context={"block_id": block_id}))


def clean(block_type, raw):
    block = BODY.child_blocks[block_type]
    return block.clean(block.to_python(raw))


def problems(error):
    return [e.message for e in error.non_block_errors.as_data()]


def item(value, id):
    """A ListBlock item in block format, so its id is known."""
    return {"type": "item", "value": value, "id": id}


def make_image(**kwargs):
    kwargs.setdefault("title", "Headset")
    kwargs.setdefault("file", get_test_image_file(size=(40, 30)))
    return Image.objects.create(**kwargs)


def make_embed(**kwargs):
    kwargs.setdefault("url", VIDEO_URL)
    kwargs.setdefault("hash", get_embed_hash(kwargs["url"]))
    kwargs.setdefault("type", "video")
    kwargs.setdefault("html", '<iframe title="Cached player"></iframe>')
    kwargs.setdefault("title", "Cached video")
    return Embed.objects.create(**kwargs)


def choice(text, next="", outcome="", feedback=""):
    return {"text": text, "next": next, "outcome": outcome, "feedback": feedback}


def scenario(**kwargs):
    """Raw data for a two-step scenario; steps may be replaced."""
    kwargs.setdefault("title", "The angry caller")
    kwargs.setdefault("setup", "A caller has been on hold for twenty minutes.")
    kwargs.setdefault(
        "steps",
        [
            {
                "key": "opening",
                "text": "Caller: This is ridiculous!",
                "choices": [
                    choice("Apologise and listen", next="listening"),
                    choice("Read the policy", outcome="poor", feedback="Cold comfort."),
                ],
            },
            {
                "key": "listening",
                "text": "Caller: Well, at least someone listens.",
                "choices": [
                    choice("Offer a callback", outcome="good", feedback="Trust won.")
                ],
            },
        ],
    )
    return kwargs


# Rendering


def test_rich_text_renders_inside_prose():
    html = render("rich_text", "<p>Hello <b>team</b></p>")

    assert '<div class="prose"><p>Hello <b>team</b></p></div>' in html


def test_markdown_renders_as_sanitised_html():
    html = render("markdown", "Be **calm**. <script>alert(1)</script>")

    assert "<strong>calm</strong>" in html
    assert "<script" not in html


@pytest.mark.django_db
def test_image_renders_a_rendition_with_alt_and_caption(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = make_image()

    html = render("image", {"image": image.pk, "alt": "A headset", "caption": "Kit"})

    assert "<img " in html
    assert 'alt="A headset"' in html
    assert "<figcaption>Kit</figcaption>" in html


@pytest.mark.django_db
def test_video_renders_the_cached_embed_title_and_transcript():
    make_embed()
    raw = {"video": VIDEO_URL, "title": "Calm voice", "transcript": "Hello.\nHi."}

    html = render("video", raw)

    assert '<iframe title="Cached player"></iframe>' in html
    assert f'<a href="{VIDEO_URL}">Calm voice</a>' in html
    assert "Hello.<br>Hi." in html


def test_takeaways_render_each_point():
    html = render("takeaways", {"points": ["Let them finish.", "Say it back."]})

    assert "<li>Let them finish.</li><li>Say it back.</li>" in html


def test_question_shows_prompt_and_options_keyed_by_id():
    raw = question(prompt="What first?", correct=(1,))
    raw["options"] = [item(o, f"opt-{n}") for n, o in enumerate(raw["options"])]

    html = render("question", raw, block_id="q-1")

    assert "What first?" in html
    assert 'data-question-id="q-1"' in html
    for n in range(3):
        assert f'name="chosen" value="opt-{n}"> Option {n}' in html


def test_question_never_shows_which_option_is_correct_or_feedback():
    html = render("question", question(correct=(0, 2), kind="multiple"))

    assert "correct" not in html.lower()
    assert "Feedback" not in html


def test_multiple_choice_question_uses_checkboxes():
    html = render("question", question(kind="multiple", correct=(0, 1)))

    assert 'type="checkbox"' in html
    assert 'type="radio"' not in html


def test_scenario_shows_title_setup_and_first_step():
    html = render("scenario", scenario())

    assert "Scenario: The angry caller" in html
    assert "A caller has been on hold for twenty minutes." in html
    assert "Caller: This is ridiculous!" in html
    assert "Apologise and listen" in html
    assert "Read the policy" in html


def test_scenario_never_shows_later_steps_feedback_outcomes_or_keys():
    html = render("scenario", scenario())

    for secret in (
        "at least someone listens",
        "Offer a callback",
        "Cold comfort",
        "Trust won",
        "poor",
        "good",
        "listening",
        "opening",
    ):
        assert secret not in html


def test_reflection_renders_prompt_and_hint():
    html = render("reflection", {"prompt": "When did it turn?", "hint": "Think."})

    assert "<p>When did it turn?</p>" in html
    assert '<p class="meta">Think.</p>' in html


def test_action_renders_title_instructions_and_when():
    raw = {"title": "Pause", "instructions": "Count to three.", "when": "Next shift"}

    html = render("action", raw)

    assert "Try this at work: Pause" in html
    assert "<p>Count to three.</p>" in html
    assert "When: Next shift" in html


@pytest.mark.django_db
def test_glossary_term_shows_term_markdown_definition_and_link():
    term = make_term(
        definition="Talk **plus** hold plus wrap.",
        formula="(talk + hold + wrap) / contacts",
    )

    html = render("glossary_term", {"term": term.pk})

    assert '<a href="/glossary/aht/">Average handle time</a>' in html
    assert "<abbr>(AHT)</abbr>" in html
    assert "Talk <strong>plus</strong> hold plus wrap." in html
    assert "(talk + hold + wrap) / contacts" in html


# Question validation


def test_single_choice_with_one_correct_option_is_clean():
    value = clean("question", question(kind="single", correct=(1,)))

    assert value["kind"] == "single"


@pytest.mark.parametrize("correct", [(), (0, 2)])
def test_single_choice_without_exactly_one_correct_option_is_rejected(correct):
    with pytest.raises(ValidationError) as error:
        clean("question", question(kind="single", correct=correct))

    assert problems(error.value) == [
        "a single-choice question needs exactly one correct option, "
        f"found {len(correct)}"
    ]


def test_multiple_choice_without_a_correct_option_is_rejected():
    with pytest.raises(ValidationError) as error:
        clean("question", question(kind="multiple", correct=()))

    assert problems(error.value) == [
        "a multiple-choice question needs at least one correct option"
    ]


def test_multiple_choice_with_several_correct_options_is_clean():
    value = clean("question", question(kind="multiple", correct=(0, 1)))

    assert len(value["options"]) == 3


# Scenario validation


def test_a_well_formed_scenario_is_clean():
    value = clean("scenario", scenario())

    assert value["title"] == "The angry caller"


def test_scenario_with_a_link_to_a_missing_step_is_rejected():
    raw = scenario()
    raw["steps"][0]["choices"][0]["next"] = "nowhere"

    with pytest.raises(ValidationError) as error:
        clean("scenario", raw)

    assert "step 'opening' leads to missing step 'nowhere'" in problems(error.value)


def test_scenario_with_an_unreachable_step_is_rejected():
    raw = scenario()
    raw["steps"][0]["choices"][0] = choice("Hang up", outcome="poor", feedback="No.")

    with pytest.raises(ValidationError) as error:
        clean("scenario", raw)

    assert problems(error.value) == [
        "step 'listening' cannot be reached from the first step"
    ]


def test_scenario_with_duplicate_step_keys_is_rejected():
    raw = scenario()
    raw["steps"][1]["key"] = "opening"
    raw["steps"][0]["choices"][0]["next"] = "opening"

    with pytest.raises(ValidationError) as error:
        clean("scenario", raw)

    assert problems(error.value) == ["step key 'opening' is used twice"]


def test_scenario_with_an_ending_without_outcome_is_rejected():
    raw = scenario()
    raw["steps"][1]["choices"][0]["outcome"] = ""

    with pytest.raises(ValidationError) as error:
        clean("scenario", raw)

    assert problems(error.value) == [
        "an ending in step 'listening' needs an outcome: good, mixed or poor"
    ]


# Worked examples -------------------------------------------------------------


def worked_example(**kwargs):
    kwargs.setdefault("title", "Agents busy in one interval")
    kwargs.setdefault(
        "inputs",
        [{"name": "calls", "value": 120}, {"name": "handle_seconds", "value": 300}],
    )
    kwargs.setdefault("expression", "calls * handle_seconds / 1800")
    kwargs.setdefault("result", 20)
    kwargs.setdefault("unit", "agents")
    kwargs.setdefault("explanation", "36,000 s of work in **1,800 s** is 20 agents.")
    return kwargs


def test_worked_example_renders_as_a_card_with_inputs_result_and_explanation():
    html = render("worked_example", worked_example())

    assert "Worked example: Agents busy in one interval" in html
    assert "<dt>calls</dt><dd>120</dd>" in html
    assert "<dt>handle seconds</dt><dd>300</dd>" in html
    assert "<strong>20 agents</strong>" in html
    assert "<strong>1,800 s</strong>" in html  # the explanation is Markdown


def test_worked_example_shows_numbers_as_people_write_them():
    raw = worked_example(
        inputs=[
            {"name": "cost", "value": 52000.0},
            {"name": "contacts", "value": 16000},
        ],
        expression="cost / contacts",
        result=3.25,
    )

    html = render("worked_example", raw)

    assert "<dd>52,000</dd>" in html and "<dd>16,000</dd>" in html
    assert "<strong>3.25 agents</strong>" in html


@pytest.mark.django_db
def test_worked_example_giving_its_result_is_clean():
    assert clean("worked_example", worked_example())["title"]


@pytest.mark.django_db
def test_worked_example_with_a_wrong_result_is_rejected():
    with pytest.raises(ValidationError) as caught:
        clean("worked_example", worked_example(result=21))

    assert problems(caught.value) == [
        "worked example gives 20, not the stated result 21"
    ]


@pytest.mark.django_db
def test_worked_example_with_an_unknown_input_is_rejected():
    with pytest.raises(ValidationError) as caught:
        clean("worked_example", worked_example(expression="calls * aht / 1800"))

    assert problems(caught.value) == ["unknown input 'aht'"]
