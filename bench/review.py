"""Daily review benchmark: `python -m bench.review`. Prints figures, asserts nothing.

Mode: bench.setup's (a scratch PostgreSQL database `frontline_review_bench`
when PostgreSQL answers, else SQLite in a temporary folder); Celery eager.

Data: one programme of MODULES generated modules with QUESTIONS questions each;
learners enrolled with `lms.enrolment.services.enrol`. Cards come from the
receiver's own function (`lms.review.cards.cards_from_events`) fed with the
AppliedEvents `events_applied` carries, answered 30-60 days ago so all are due.

Measured, in-process with django.test.Client:
  - "Today's review" (GET /learn/review/) and "My learning" (GET /learn/) for
    learners with 0, 100 and 1,000 cards: queries (target <= 10 for the
    review page, flat) and median / p95 time over RUNS runs;
  - applying answers: cards_from_events over batches of BATCH applied answers
    (queries per batch, events/s), and record_review for single daily-review
    answers (queries per answer, answers/s).
"""

import os
import time
import uuid
from datetime import timedelta
from functools import partial

os.environ.setdefault("BENCH_DATABASE", "frontline_review_bench")

from .events import count_queries  # noqa: E402
from .report import number, section, table, timed, verdict  # noqa: E402
from .setup import choose_mode, setup_django  # noqa: E402

MODULES = 20
QUESTIONS = 50
SIZES = (0, 100, 1000)
RUNS = int(os.environ.get("BENCH_REVIEW_RUNS", "30"))
BATCH = 500
TARGET_QUERIES = 10
TARGET_APPLY = 1000


def question(n):
    options = [
        {"text": f"Option {k} of question {n}", "correct": k == 1, "feedback": "Why."}
        for k in range(3)
    ]
    return {"prompt": f"Question {n}?", "kind": "single", "options": options}


def make_programme():
    from courses.models import CatalogPage, CoursePage, ModulePage, ProgrammePage

    programme = CatalogPage.objects.first().add_child(
        instance=ProgrammePage(
            title="Review bench", slug="review-bench", summary="Generated."
        )
    )
    course = programme.add_child(
        instance=CoursePage(
            title="Course",
            slug="course",
            summary="Generated.",
            skill_area="difficult-personalities",
        )
    )
    for m in range(MODULES):
        body = [("question", question(n)) for n in range(QUESTIONS)]
        course.add_child(
            instance=ModulePage(
                title=f"Module {m}",
                slug=f"m{m}",
                summary="Generated.",
                minutes=5,
                objectives=[("objective", "Remember")],
                body=body,
            )
        )
    return programme, list(ModulePage.objects.child_of(course).order_by("path"))


def make_learner(name, programme):
    from django.contrib.auth import get_user_model

    from lms.enrolment.services import enrol

    user = get_user_model().objects.create_user(username=name)
    enrolment, _created = enrol(user, programme)
    return user, enrolment


def applied_answers(user, enrolment, modules, count, start):
    """`count` AppliedEvents answering distinct questions, one a minute from `start`."""
    from lms.progress.applied import AppliedEvent

    events = []
    for n in range(count):
        module = modules[n // QUESTIONS]
        block = module.body[n % QUESTIONS]
        events.append(
            AppliedEvent(
                id=str(uuid.uuid4()),
                user_id=user.pk,
                module_id=module.pk,
                enrolment_id=enrolment.pk,
                kind="answered",
                block_id=block.id,
                payload={"chosen": [block.value["options"].bound_blocks[1].id]},
                result={"correct": n % 4 != 0, "question_count": QUESTIONS},
                seconds=20,
                occurred_at=start + timedelta(minutes=n),
            )
        )
    return events


def page_figures(programme, modules):
    from django.test import Client
    from django.utils import timezone

    from lms.review.cards import cards_from_events

    rows = []
    start = timezone.now() - timedelta(days=60)
    for size in SIZES:
        user, enrolment = make_learner(f"review-{size}", programme)
        events = applied_answers(user, enrolment, modules, size, start)
        for at in range(0, len(events), BATCH):
            cards_from_events(events[at : at + BATCH])
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        for name, url in (
            ("Today's review", "/learn/review/"),
            ("My learning", "/learn/"),
        ):
            client.get(url)
            response, statements = count_queries(partial(client.get, url))
            median, p95 = timed(partial(client.get, url), RUNS)
            target = TARGET_QUERIES if url == "/learn/review/" else None
            rows.append(
                [
                    name,
                    size,
                    response.status_code,
                    len(statements),
                    number(median, 1),
                    number(p95, 1),
                    f"<= {target}" if target else "-",
                    verdict(len(statements), target, at_least=False),
                ]
            )
    table(
        ["page", "cards", "HTTP", "queries", "median ms", "p95 ms", "target", ""],
        rows,
        notes=[f"in-process test client, {RUNS} runs each, all cards due"],
    )


def apply_figures(programme, modules):
    from django.utils import timezone

    from lms.models import ReviewCard
    from lms.review.answers import record_review
    from lms.review.cards import cards_from_events

    user, enrolment = make_learner("review-apply", programme)
    start = timezone.now() - timedelta(days=40)
    events = applied_answers(user, enrolment, modules, MODULES * QUESTIONS, start)
    batches = [events[at : at + BATCH] for at in range(0, len(events), BATCH)]
    began = time.perf_counter()
    queries = [len(count_queries(partial(cards_from_events, b))[1]) for b in batches]
    seconds = time.perf_counter() - began
    apply_rate = len(events) / seconds
    cards = list(ReviewCard.objects.filter(user=user).order_by("pk")[:200])
    right = {
        m.pk: {b.id: b.value["options"].bound_blocks[1].id for b in m.body}
        for m in modules
    }
    began = time.perf_counter()
    review_queries = []
    for card in cards:
        chosen = [right[card.module_id][card.question_id]]
        answer = partial(record_review, user, uuid.uuid4(), card.pk, chosen)
        review_queries.append(len(count_queries(answer)[1]))
    review_rate = len(cards) / (time.perf_counter() - began)
    table(
        ["applying", "items", "queries each", "per second", "target", ""],
        [
            [
                f"module answers, batches of {BATCH}",
                len(events),
                "/".join(str(q) for q in sorted(set(queries))) + " per batch",
                number(apply_rate),
                f">= {TARGET_APPLY}/s",
                verdict(apply_rate, TARGET_APPLY, at_least=True),
            ],
            [
                "daily-review answers, one at a time",
                len(cards),
                "/".join(str(q) for q in sorted(set(review_queries))) + " per answer",
                number(review_rate),
                "-",
                "",
            ],
        ],
        notes=["cards_from_events is what the events_applied receiver runs"],
    )


def main():
    mode = choose_mode()
    setup_django(mode)
    print(f"Daily review benchmark on {mode.database}")
    for note in mode.notes:
        print(f"  note: {note}")
    programme, modules = make_programme()
    section("Today's review: queries whatever the number of cards")
    page_figures(programme, modules)
    section("Applying answers to review cards")
    apply_figures(programme, modules)


if __name__ == "__main__":
    main()
