"""StreamField blocks a module is built from.

Questions and scenarios never render which option is correct or what an
option's feedback says: grading happens on the server after answering.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from . import validation
from .formulas import INPUT_NAME, FormulaError, check_example
from .markdown import glossary_slugs, markdown_problems, render_markdown


def _raise_if(problems):
    if problems:
        raise StructBlockValidationError(
            non_block_errors=[ValidationError(p) for p in problems]
        )


def _plain(value):
    """Turn a StructValue or ListValue tree into plain dicts and lists."""
    if isinstance(value, blocks.StructValue):
        return {name: _plain(child) for name, child in value.items()}
    if isinstance(value, blocks.list_block.ListValue | list):
        return [_plain(child) for child in value]
    return value


class MarkdownBlock(blocks.TextBlock):
    """Markdown, rendered and sanitised; [[slug]] links to a glossary term."""

    def clean(self, value):
        value = super().clean(value)
        from .models import GlossaryTerm

        known = set(GlossaryTerm.objects.values_list("slug", flat=True))
        problems = validation.check_glossary_links(glossary_slugs(value), known)
        problems += markdown_problems(value)
        if problems:
            raise ValidationError(problems[0])
        return value

    def render_basic(self, value, context=None):
        return render_markdown(value)

    class Meta:
        icon = "code"
        label = "Markdown"
        description = "Text written in Markdown; [[aht]] links to a glossary term."
        preview_value = "A **bold** start, then a link to [[aht]]."


class ImageBlock(blocks.StructBlock):
    """An image with the alt text people using screen readers hear."""

    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        max_length=250, help_text="Describe the image for screen readers."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"
        description = "An image with alt text and an optional caption."


class VideoBlock(blocks.StructBlock):
    """An embedded video with a transcript for those who cannot play sound."""

    video = EmbedBlock(help_text="A YouTube, Vimeo or other oEmbed URL.")
    title = blocks.CharBlock(max_length=200)
    transcript = blocks.TextBlock(required=False)

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        description = "A video or other embed, with a title and transcript."


class TakeawaysBlock(blocks.StructBlock):
    """The three to five points a learner should leave with."""

    points = blocks.ListBlock(blocks.CharBlock(max_length=250), min_num=1, max_num=7)

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/takeaways.html"
        description = "Key takeaways as a short list."
        preview_value = {"points": ["Let them finish.", "Say back what you heard."]}


class OptionBlock(blocks.StructBlock):
    """One answer option with the feedback shown after it is chosen."""

    text = blocks.CharBlock(max_length=500)
    correct = blocks.BooleanBlock(required=False)
    pinned = blocks.BooleanBlock(
        required=False,
        label="Keep in this position",
        help_text="Options are shuffled for each learner; this one stays where it is "
        "(for 'All of the above', say).",
    )
    feedback = blocks.TextBlock(
        help_text="Shown after answering: why this is right or wrong."
    )

    class Meta:
        icon = "radio-full"


class QuestionBlock(blocks.StructBlock):
    """A knowledge check graded on the server; its block id is the question id."""

    prompt = blocks.TextBlock()
    kind = blocks.ChoiceBlock(
        choices=[("single", "Single choice"), ("multiple", "Multiple choice")],
        default="single",
    )
    options = blocks.ListBlock(OptionBlock(), min_num=2, max_num=6)

    def clean(self, value):
        value = super().clean(value)
        _raise_if(validation.check_options(value["kind"], _plain(value["options"])))
        return value

    class Meta:
        icon = "help"
        template = "courses/blocks/question.html"
        description = (
            "A knowledge check: single or multiple choice with feedback per option."
        )


class ScenarioChoiceBlock(blocks.StructBlock):
    """A choice that leads to another step, or ends the scenario with feedback."""

    text = blocks.CharBlock(max_length=500)
    next = blocks.CharBlock(
        required=False,
        max_length=60,
        help_text="Key of the next step; empty ends here.",
    )
    outcome = blocks.ChoiceBlock(
        choices=[(o, o.capitalize()) for o in validation.OUTCOMES], required=False
    )
    feedback = blocks.TextBlock(required=False)

    class Meta:
        icon = "arrow-right"


class ScenarioStepBlock(blocks.StructBlock):
    """One moment of the conversation and the learner's possible replies."""

    key = blocks.CharBlock(max_length=60, help_text="Short id other steps link to.")
    text = blocks.TextBlock()
    choices = blocks.ListBlock(ScenarioChoiceBlock(), min_num=1, max_num=5)

    class Meta:
        icon = "openquote"


class ScenarioBlock(blocks.StructBlock):
    """A branching difficult conversation; learners start at the first step."""

    title = blocks.CharBlock(max_length=200)
    setup = blocks.TextBlock()
    steps = blocks.ListBlock(ScenarioStepBlock(), min_num=1)

    def clean(self, value):
        value = super().clean(value)
        _raise_if(validation.check_scenario(_plain(value["steps"])))
        return value

    class Meta:
        icon = "group"
        template = "courses/blocks/scenario.html"
        description = "A branching conversation with choices and endings."


class ExampleInputBlock(blocks.StructBlock):
    """One named number a worked example starts from."""

    name = blocks.RegexBlock(
        regex=INPUT_NAME,
        max_length=40,
        error_messages={
            "invalid": "Use letters, digits and _ only, starting with a letter."
        },
        help_text="The name the expression uses, such as calls or aht.",
    )
    value = blocks.FloatBlock()

    class Meta:
        icon = "plus"


class WorkedExampleBlock(blocks.StructBlock):
    """A calculation worked through, checked like the glossary's examples."""

    title = blocks.CharBlock(max_length=200)
    inputs = blocks.ListBlock(ExampleInputBlock(), min_num=1)
    expression = blocks.CharBlock(
        max_length=500,
        help_text="Arithmetic over the input names: + - * / **, brackets, "
        "min, max, round, abs, erlang_c, service_level.",
    )
    result = blocks.FloatBlock(
        help_text="The stated result, written with the decimals it is rounded to."
    )
    unit = blocks.CharBlock(required=False, max_length=40)
    explanation = MarkdownBlock()

    def clean(self, value):
        value = super().clean(value)
        try:
            check_example(example_data(value))
        except FormulaError as error:
            _raise_if([str(error)])
        return value

    class Meta:
        icon = "table"
        template = "courses/blocks/worked_example.html"
        label = "Worked example"
        description = "A calculation with its inputs, result and explanation."


def example_data(value):
    """A worked-example block value as the plain dict courses.formulas checks."""
    return {
        "inputs": {item["name"]: _number(item["value"]) for item in value["inputs"]},
        "expression": value["expression"],
        "result": _number(value["result"]),
    }


def _number(value):
    """The editor's float fields make 20 into 20.0; examples read better as 20."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class ReflectionBlock(blocks.StructBlock):
    """A prompt the learner answers in their private journal."""

    prompt = blocks.TextBlock()
    hint = blocks.TextBlock(required=False)

    class Meta:
        icon = "edit"
        template = "courses/blocks/reflection.html"
        description = "A reflection prompt for the learner's journal."
        preview_value = {"prompt": "When did your last difficult call turn?"}


class ActionBlock(blocks.StructBlock):
    """A concrete thing to try on shift, added to the learner's action plan."""

    title = blocks.CharBlock(max_length=200)
    instructions = blocks.TextBlock()
    when = blocks.CharBlock(required=False, max_length=100)

    class Meta:
        icon = "tick"
        template = "courses/blocks/action.html"
        description = "A 'try this at work' action."


class GlossaryTermBlock(blocks.StructBlock):
    """A callout that explains one glossary term in place."""

    term = SnippetChooserBlock("courses.GlossaryTerm")

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/glossary_term.html"
        description = "A glossary term with its definition."


class ModuleBodyBlock(blocks.StreamBlock):
    """Everything a module page can hold."""

    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"],
        template="courses/blocks/rich_text.html",
    )
    markdown = MarkdownBlock()
    image = ImageBlock()
    video = VideoBlock()
    takeaways = TakeawaysBlock()
    question = QuestionBlock()
    scenario = ScenarioBlock()
    worked_example = WorkedExampleBlock()
    reflection = ReflectionBlock()
    action = ActionBlock()
    glossary_term = GlossaryTermBlock()
