"""Word counts, reading time and Flesch reading ease for curriculum text."""

import re

WORDS_PER_MINUTE = 180

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.%]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n|\n\s*[-*•]\s")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Endings whose final vowel group is usually silent or merged ("make", "named").
_SILENT_E = re.compile(r"[^aeiouy]e$")
_SILENT_ED = re.compile(r"[^aeioudt]ed$")
_SILENT_ES = re.compile(r"[^aeiouysxzh]es$|[^cgsxz]hes$")
_SYLLABIC_LE = re.compile(r"[^aeiouy]le$")


def words(text):
    """Return the words of a text, ignoring punctuation and Markdown marks."""
    return _WORD.findall(text)


def word_count(text):
    return len(words(text))


def reading_minutes(text):
    """Minutes to read a text at the curriculum's pace of 180 words a minute."""
    return word_count(text) / WORDS_PER_MINUTE


def sentence_count(text):
    """Count sentences; list items and paragraphs end one even without a full stop."""
    pieces = [p for p in _SENTENCE_END.split(text) if words(p)]
    return max(1, len(pieces))


def syllables(word):
    """Estimate the syllables of one English word (at least one)."""
    word = word.lower().strip("'’-")
    if not word or word[0].isdigit():
        return 1
    if len(word) <= 3:
        return 1
    count = len(_VOWEL_GROUPS.findall(word))
    if (
        _SILENT_E.search(word)
        and not _SYLLABIC_LE.search(word)
        or _SILENT_ED.search(word)
        or _SILENT_ES.search(word)
    ):
        count -= 1
    return max(1, count)


def flesch_reading_ease(text):
    """Flesch reading ease: higher is easier; 60-70 is plain English."""
    found = words(text)
    if not found:
        return 100.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(w) for w in found) / len(found)
    return round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
