"""Admin form data for module pages, built with Wagtail's form_data helpers."""

from wagtail.test.utils.form_data import nested_form_data, streamfield


def list_block(items):
    """ListBlock form data: like streamfield() but without a block type."""
    data = {
        str(n): {"value": value, "deleted": "", "order": str(n)}
        for n, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def question_data(prompt="Which comes first?", kind="single", correct=(1,), count=3):
    """Form data for a question block; option n is correct if n in correct."""
    options = [
        {
            "text": f"Option {n}",
            "correct": "on" if n in correct else "",
            "feedback": f"Feedback {n}",
        }
        for n in range(count)
    ]
    return {"prompt": prompt, "kind": kind, "options": list_block(options)}


def module_form_data(**kwargs):
    """POST data for the module page add/edit form; body is (type, value) pairs."""
    kwargs.setdefault("title", "The first minute")
    kwargs.setdefault("slug", "the-first-minute")
    kwargs.setdefault("summary", "Let them finish.")
    kwargs.setdefault("minutes", "5")
    kwargs.setdefault("practice_minutes", "0")
    kwargs.setdefault("competencies", "De-escalation")
    kwargs.setdefault("workbook", "")
    kwargs.setdefault(
        "objectives", [("objective", "Listen first"), ("objective", "Say it back")]
    )
    kwargs.setdefault("body", [("markdown", "Let the caller **finish**.")])
    kwargs["objectives"] = streamfield(kwargs["objectives"])
    kwargs["body"] = streamfield(kwargs["body"])
    return nested_form_data(kwargs)
