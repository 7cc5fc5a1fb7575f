"""xAPI 1.0.3 statements built from what lms announces: applied progress events,
daily-review answers, completed courses and programmes, approved stretch projects.

Activity ids are IRIs from the site's address and page or block ids, which do
not change when a page is renamed or moved. Learners appear as an account on
the site (their user id), never by email. An answer's statement carries the
learner's response and whether it was right, never the answer key; a
reflection's never carries its text, which is the learner's own.
"""

import uuid

from django.conf import settings

from lms.contrib.xapi.vocabulary import TYPES, VERB_OF_KIND, VERBS

PLATFORM = "Front line to team leader"
LANGUAGE = "en"
# Statement ids made here (course and programme completion, projects) are
# UUID5s under this namespace, so making one twice gives the same id.
NAMESPACE = uuid.UUID("6f1c8a52-3b0e-4f5e-9a57-0c2f7d1e4b9a")


def site():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def iri(*parts):
    return "/".join([site(), "xapi", "activities", *map(str, parts)])


def derived_id(*parts):
    return str(uuid.uuid5(NAMESPACE, ":".join(map(str, parts))))


def actor(user_id):
    return {
        "objectType": "Agent",
        "account": {"homePage": site(), "name": str(user_id)},
    }


def verb(name):
    return {"id": VERBS[name], "display": {"en-US": name}}


def activity(kind, activity_id, title, **definition):
    return {
        "objectType": "Activity",
        "id": activity_id,
        "definition": {"type": TYPES[kind], "name": {LANGUAGE: title}, **definition},
    }


def statement(statement_id, user_id, verb_name, object_, when, context, result=None):
    made = {
        "id": statement_id,
        "actor": actor(user_id),
        "verb": verb(verb_name),
        "object": object_,
        "context": {"platform": PLATFORM, "language": LANGUAGE, **context},
        "timestamp": when.isoformat(),
    }
    if result:
        made["result"] = result
    return made


class Place:
    """Where a module sits: its own, its course's and its programme's activities."""

    def __init__(self, module, course, programme):
        self.module = activity("module", iri("module", module.pk), module.title)
        self.course = activity("course", iri("course", course.pk), course.title)
        self.programme = activity(
            "programme", iri("programme", programme.pk), programme.title
        )
        self.module_page = module
        self.course_page_id = course.pk
        self.course_path = course.path
        self.programme_path = programme.path

    def context(self, enrolment_id, parent=True):
        grouping = [self.course, self.programme]
        activities = {"grouping": grouping}
        if parent:
            activities["parent"] = [self.module]
        return {
            "registration": derived_id("enrolment", enrolment_id),
            "contextActivities": activities,
        }


def of_event(event, place, key, score=None):
    """The statement of one applied progress event (lms.progress.applied)."""
    name = VERB_OF_KIND[event.kind]
    made = _BUILDERS[event.kind](event, place, key, score)
    object_, result, parent = made
    return statement(
        event.id,
        event.user_id,
        name,
        object_,
        event.occurred_at,
        place.context(event.enrolment_id, parent=parent),
        result,
    )


def _started(event, place, key, score):
    return place.module, None, False


def question(place, key, question_id):
    """A knowledge-check question as a cmi.interaction: its options, not its key."""
    _kind, options = key.questions.get(question_id, ("single", {}))
    return activity(
        "question",
        iri("module", place.module_page.pk, "question", question_id),
        f"{place.module_page.title}: question",
        interactionType="choice",
        choices=[
            {"id": option_id, "description": {LANGUAGE: option["text"]}}
            for option_id, option in options.items()
        ],
    )


def answer_result(correct, chosen):
    return {"success": bool(correct), "response": "[,]".join(chosen)}


def _answered(event, place, key, score):
    result = answer_result(event.result.get("correct"), event.payload.get("chosen", []))
    return question(place, key, event.block_id), result, True


def _checked(event, place, key, score):
    task = activity(
        "workbook task",
        iri("module", event.module_id, "workbook", event.block_id),
        f"{place.module_page.title}: workbook {event.block_id}",
    )
    return task, {"success": bool(event.result.get("correct"))}, True


def _progressed(event, place, key, score):
    scenario = activity(
        "scenario",
        iri("module", event.module_id, "scenario", event.block_id),
        f"{place.module_page.title}: scenario",
    )
    result = {"response": str(event.payload.get("choice_id", ""))}
    return scenario, result, True


def _commented(event, place, key, score):
    prompt = key.prompts.get(event.block_id, "Reflection")
    reflection = activity(
        "reflection",
        iri("module", event.module_id, "reflection", event.block_id),
        prompt[:200],
    )
    return reflection, None, True


def _completed(event, place, key, score):
    result = {"completion": True}
    if score is not None:
        result["score"] = {"scaled": round(min(max(score, 0.0), 1.0), 4)}
        result["success"] = True
    return place.module, result, False


_BUILDERS = {
    "started": _started,
    "answered": _answered,
    "scenario_step": _progressed,
    "reflected": _commented,
    "completed": _completed,
    "workbook_task": _checked,
}


def review_answered(answer, enrolment_id, place, key):
    """A daily-review answer (lms.models.ReviewAnswer): the module page's question,
    answered again, in the context of the daily review."""
    context = place.context(enrolment_id)
    context["contextActivities"]["category"] = [review_category()]
    return statement(
        str(answer.id),
        answer.user_id,
        "answered",
        question(place, key, answer.card.question_id),
        answer.reviewed_at,
        context,
        answer_result(answer.correct, answer.chosen),
    )


def review_category():
    """What marks a statement as made in the daily review, not on the module page."""
    return {
        "objectType": "Activity",
        "id": iri("daily-review"),
        "definition": {
            "name": {LANGUAGE: "Daily review"},
            "description": {
                LANGUAGE: "Spaced retrieval practice of questions answered before"
            },
        },
    }


def course_completed(user_id, enrolment_id, place, when):
    return statement(
        derived_id("course", user_id, place.course["id"]),
        user_id,
        "completed",
        place.course,
        when,
        {
            "registration": derived_id("enrolment", enrolment_id),
            "contextActivities": {"grouping": [place.programme]},
        },
        {"completion": True},
    )


def programme_completed(user_id, enrolment_id, place, when):
    return statement(
        derived_id("programme", user_id, place.programme["id"]),
        user_id,
        "completed",
        place.programme,
        when,
        {"registration": derived_id("enrolment", enrolment_id)},
        {"completion": True},
    )


def project_passed(assignment, when):
    project = activity(
        "project", iri("project", assignment.pk), assignment.title or "Stretch project"
    )
    return statement(
        derived_id("project", assignment.pk, "approved"),
        assignment.learner_id,
        "passed",
        project,
        when,
        {},
        {"success": True, "completion": True},
    )
