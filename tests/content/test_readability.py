"""Word counts, syllables, sentences and Flesch reading ease."""

import pytest

from content.readability import (
    flesch_reading_ease,
    reading_minutes,
    sentence_count,
    syllables,
    word_count,
    words,
)


def test_words_ignore_markdown_marks():
    text = "## Let them **finish**\n\n> _Then_ say `back` what you heard!"

    assert words(text) == [
        "Let",
        "them",
        "finish",
        "Then",
        "say",
        "back",
        "what",
        "you",
        "heard",
    ]


def test_words_keep_contractions_hyphens_and_figures_whole():
    text = "Don't rush a contact-centre caller: 28% waited 1,200 seconds."

    assert words(text) == [
        "Don't",
        "rush",
        "a",
        "contact-centre",
        "caller",
        "28%",
        "waited",
        "1,200",
        "seconds",
    ]


def test_word_count_ignores_bullets_and_emphasis():
    text = (
        "- **Escalated customers.** Callers who shout.\n* The people you *supervise*."
    )

    assert word_count(text) == 9


def test_reading_minutes_is_words_over_180():
    assert reading_minutes("word " * 360) == 2


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # one vowel group, one syllable
        ("cat", 1),
        ("call", 1),
        ("team", 1),
        ("calm", 1),
        # several vowel groups
        ("agent", 2),
        ("leader", 2),
        ("happy", 2),
        ("customer", 3),
        ("average", 3),
        ("escalation", 4),
        ("communication", 5),
        # a silent final e
        ("make", 1),
        ("time", 1),
        ("minute", 2),
        ("service", 2),
        # -ed and -es that add no syllable, and those that do
        ("named", 1),
        ("jumped", 1),
        ("reached", 1),
        ("played", 1),
        ("takes", 1),
        ("times", 1),
        ("wanted", 2),
        ("needed", 2),
        ("boxes", 2),
        ("watches", 2),
        ("recorded", 3),
        # tricky: a syllabic -le, a run of vowels, a vowel y
        ("little", 2),
        ("table", 2),
        ("people", 2),
        ("handle", 2),
        ("queue", 1),
        ("beautiful", 3),
        ("okay", 2),
        # capitals and surrounding apostrophes do not matter
        ("Customer", 3),
        ("'agent'", 2),
    ],
)
def test_syllables_of_common_words(word, expected):
    assert syllables(word) == expected


def test_a_number_counts_as_one_syllable():
    assert syllables("1,200") == 1


def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    assert sentence_count("Let them finish. Then what? Say it back!") == 3


def test_each_list_item_is_a_sentence():
    text = "Try these\n- listen first\n- name it back\n- own the next step"

    assert sentence_count(text) == 4


def test_each_paragraph_is_a_sentence():
    text = "## Why it matters\n\nThe first minute decides the call\n\nSo listen"

    assert sentence_count(text) == 3


def test_text_without_words_still_has_one_sentence():
    assert sentence_count("---") == 1


def test_plain_text_reads_easier_than_jargon():
    easy = "Let them finish. Then say back what you heard. Keep your voice low."
    hard = (
        "Organisational effectiveness necessitates comprehensive interdepartmental "
        "communication alongside continuous operational performance optimisation."
    )

    assert flesch_reading_ease(easy) > 60 > flesch_reading_ease(hard)


def test_flesch_reading_ease_matches_a_hand_computation():
    text = "Listen to the caller. Then name the problem back."
    # 9 words in 2 sentences; syllables: Listen 2, to 1, the 1, caller 2,
    # Then 1, name 1, the 1, problem 2, back 1 = 12.
    word_total, sentence_total, syllable_total = 9, 2, 12
    expected = (
        206.835
        - 1.015 * word_total / sentence_total
        - 84.6 * syllable_total / word_total
    )

    assert flesch_reading_ease(text) == round(expected, 1) == 89.5


def test_flesch_reading_ease_of_empty_text_is_100():
    assert flesch_reading_ease("") == 100.0
