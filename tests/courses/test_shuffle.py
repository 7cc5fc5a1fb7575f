"""Options in a seed-determined order, with pinned options where they were written."""

from collections import Counter
from itertools import permutations

from courses.blocks import OptionBlock
from courses.shuffle import shuffled_options

SEEDS = [f"learner-{n}:question-7" for n in range(240)]


def options(count=4, pinned=()):
    return [
        {"text": f"Option {n}", "correct": n == 0, "pinned": n in pinned}
        for n in range(count)
    ]


def texts(shuffled):
    return tuple(option["text"] for option in shuffled)


def test_the_same_seed_gives_the_same_order():
    first = texts(shuffled_options(options(), "learner-1:question-7"))

    again = [
        texts(shuffled_options(options(), "learner-1:question-7")) for _ in range(5)
    ]

    assert again == [first] * 5


def test_the_order_is_a_permutation_of_the_same_objects():
    given = options()

    shuffled = shuffled_options(given, "any seed")

    assert sorted(map(id, shuffled)) == sorted(map(id, given))


def test_different_seeds_give_every_order_about_as_often():
    orders = Counter(texts(shuffled_options(options(), seed)) for seed in SEEDS)

    # 24 orders over 240 seeds: about 10 each; a fixed or biased order fails.
    assert set(orders) == {texts(p) for p in permutations(options())}
    assert max(orders.values()) <= 25


def test_each_option_comes_first_about_a_quarter_of_the_time():
    firsts = Counter(texts(shuffled_options(options(), seed))[0] for seed in SEEDS)

    assert all(40 <= firsts[f"Option {n}"] <= 80 for n in range(4)), firsts


def test_a_pinned_last_option_stays_last_while_the_others_move():
    orders = {texts(shuffled_options(options(pinned={3}), seed)) for seed in SEEDS}

    assert {order[3] for order in orders} == {"Option 3"}
    assert len(orders) == 6  # every order of the three free options


def test_a_pinned_option_in_the_middle_keeps_its_index():
    orders = {texts(shuffled_options(options(5, pinned={2}), seed)) for seed in SEEDS}

    assert {order[2] for order in orders} == {"Option 2"}
    assert len({order[0] for order in orders}) == 4


def test_all_pinned_keeps_the_written_order():
    given = options(pinned={0, 1, 2, 3})

    assert shuffled_options(given, "seed") == given


def test_no_options_gives_no_options():
    assert shuffled_options([], "seed") == []


def test_block_values_are_shuffled_by_their_pinned_field():
    block = OptionBlock()
    values = [
        block.to_python({"text": t, "pinned": t == "All of the above", "feedback": "-"})
        for t in ("Listen", "Name it", "Fix it", "All of the above")
    ]

    for seed in SEEDS[:50]:
        assert shuffled_options(values, seed)[3]["text"] == "All of the above"


def test_the_option_block_labels_pinning_for_editors():
    pinned = OptionBlock().child_blocks["pinned"]

    assert pinned.label == "Keep in this position"
    assert not pinned.required
