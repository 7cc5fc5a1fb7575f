"""Due-cards benchmark: `python -m bench.due_cards`. Prints figures, asserts nothing.

Mode: a scratch PostgreSQL database `frontline_due_bench` (bench.setup's);
without PostgreSQL it says so and stops, since the figure is about its plan.

Data: LEARNERS learners (20,000), each enrolled, each with CARDS review cards
(200: 4 modules x 50 questions), 4 million cards in all, written by one
INSERT ... SELECT over generate_series. Due dates spread over 30 days either
side of today, some reviewed today and a few retired, from a fixed hash, so
every run has the same data. Then ANALYZE.

Measured: `lms.review.today.due_cards` (what "Today's review" runs: the
learner's active cards due by the end of today, not seen today, oldest first,
at most the daily cap) for SAMPLE learners spread over the table: median and
p95 ms per call; and the plan PostgreSQL chooses (EXPLAIN ANALYZE, BUFFERS)
for one of them, which should be an index scan of `review_card_due`.
Target: p50 <= 5 ms for one learner.

Knobs: BENCH_DUE_LEARNERS (20000), BENCH_DUE_SAMPLE (200).
"""

import os
import time

os.environ.setdefault("BENCH_DATABASE", "frontline_due_bench")

from .report import number, percentile, section, table, verdict  # noqa: E402
from .review import make_programme  # noqa: E402
from .setup import choose_mode, setup_django  # noqa: E402

LEARNERS = int(os.environ.get("BENCH_DUE_LEARNERS", "20000"))
SAMPLE = int(os.environ.get("BENCH_DUE_SAMPLE", "200"))
MODULES = 4
QUESTIONS = 50
TARGET_P50_MS = 5


def make_learners(programme):
    """LEARNERS users, each enrolled in the programme, in bulk."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from lms.models import Enrolment

    User = get_user_model()
    unusable = make_password(None)  # nobody signs in as these learners
    User.objects.bulk_create(
        [User(username=f"due-{n}", password=unusable) for n in range(LEARNERS)],
        batch_size=5_000,
    )
    users = User.objects.filter(username__startswith="due-").values_list(
        "pk", flat=True
    )
    Enrolment.objects.bulk_create(
        [Enrolment(user_id=pk, programme=programme) for pk in users],
        batch_size=5_000,
    )


CARDS_SQL = """
INSERT INTO lms_reviewcard (
    user_id, module_id, enrolment_id, question_id, state, step, stability,
    difficulty, due, last_review, reviews, lapses, retired_at, created_at,
    first_review_correct
)
SELECT e.user_id, m.module_id, e.id, 'q' || q.n, 2, NULL,
    1 + (mod(h.v, 40)), 5, now() + ((mod(h.v, 61)) - 30) * interval '1 day',
    -- about one card in 25 was reviewed today; the rest some days ago
    CASE WHEN mod(h.v, 25) = 0 THEN now() - interval '1 hour'
         ELSE now() - (1 + mod(h.v, 20)) * interval '1 day' END,
    1 + mod(h.v, 5), mod(h.v, 3),
    CASE WHEN mod(h.v, 97) = 0 THEN now() END, now(), NULL
FROM lms_enrolment e
CROSS JOIN unnest(%s::int[]) AS m(module_id)
CROSS JOIN generate_series(0, %s) AS q(n)
CROSS JOIN LATERAL (SELECT abs(hashtext(e.id || ':' || m.module_id || ':' || q.n)) AS v) h
WHERE e.programme_id = %s
"""


def make_cards(programme, modules):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            CARDS_SQL, [[m.pk for m in modules[:MODULES]], QUESTIONS - 1, programme.pk]
        )
        cursor.execute("ANALYZE lms_reviewcard")
        cursor.execute("SELECT count(*) FROM lms_reviewcard")
        return cursor.fetchone()[0]


def sample_learners():
    from lms.models import Enrolment

    users = list(
        Enrolment.objects.order_by("user_id").values_list("user_id", flat=True)
    )
    step = max(1, len(users) // SAMPLE)
    return users[::step][:SAMPLE]


def timings(learners):
    from django.conf import settings  # noqa: F401 - the settings are loaded
    from django.utils import timezone

    from lms.conf import lms_settings
    from lms.review.today import day_bounds, due_cards

    start, tomorrow = day_bounds(timezone.now())
    cap = lms_settings.REVIEW_DAILY_CAP
    for user_id in learners[:10]:  # warm the connection and the cache
        due_cards(user_id, start, tomorrow, cap)
    times, found = [], 0
    for user_id in learners:
        began = time.perf_counter()
        found += len(due_cards(user_id, start, tomorrow, cap))
        times.append((time.perf_counter() - began) * 1000)
    return times, found


def plan(user_id):
    from django.db import connection
    from django.utils import timezone

    from lms.conf import lms_settings
    from lms.models import ReviewCard
    from lms.review.today import day_bounds

    start, tomorrow = day_bounds(timezone.now())
    query = (
        ReviewCard.objects.filter(user_id=user_id, retired_at__isnull=True)
        .filter(due__lt=tomorrow)
        .exclude(last_review__gte=start)
        .order_by("due", "pk")[: lms_settings.REVIEW_DAILY_CAP]
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return [row[0] for row in cursor.fetchall()]


def main():
    mode = choose_mode()
    if mode.database != "PostgreSQL":
        print("Due-cards benchmark: PostgreSQL did not answer; nothing measured.")
        for note in mode.notes:
            print(f"  note: {note}")
        return
    setup_django(mode)
    print(f"Due-cards benchmark on {mode.database}")
    began = time.perf_counter()
    programme, modules = make_programme()
    make_learners(programme)
    cards = make_cards(programme, modules)
    print(
        f"  data: {LEARNERS:,} learners, {cards:,} cards in {time.perf_counter() - began:.0f} s"
    )
    learners = sample_learners()
    times, found = timings(learners)
    section("The due cards of one learner (Today's review)")
    median = percentile(times, 0.5)
    table(
        ["query", "learners", "cards returned", "median ms", "p95 ms", "target", ""],
        [
            [
                "due_cards, capped",
                len(learners),
                found,
                number(median, 2),
                number(percentile(times, 0.95), 2),
                f"p50 <= {TARGET_P50_MS} ms",
                verdict(median, TARGET_P50_MS, at_least=False),
            ]
        ],
        notes=[f"{cards:,} cards; in-process, through the ORM, one learner a call"],
    )
    section("Its plan for one learner")
    lines = plan(learners[len(learners) // 2])
    for line in lines:
        print(f"  {line}")
    index = any("review_card_due" in line for line in lines)
    print(f"  index scan of review_card_due: {'yes' if index else 'NO'}")


if __name__ == "__main__":
    main()
