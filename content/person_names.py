"""The people each module names, for the rule that distinct people get distinct names.

A learner who meets Sam, the negative top performer, and later a Sam who is a
shy new starter reads them as one person. There is no list of people to check
against, so a name is found from how the text uses it: a capitalised word the
curriculum never writes in lower case, that reads as a person at least once
(possessive "Sam's", after a title "Mrs Adebayo", a speaker "Sam:", a subject
"Sam sighs", or mid-sentence "with Sam"). Calendar words, glossary terms and
the few product words in NOT_PEOPLE are never people. A name that is also an
everyday word (Mark) is only found if WORD_NAMES lists it.
"""

import re

from .visible_text import learner_visible_text, term_names

CALENDAR = frozenset(
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
TITLES = frozenset({"Mr", "Mrs", "Ms", "Dr"})
# Capitalised words that read like names but are not people. Add one here when
# the rule mistakes it for a person.
NOT_PEOPLE = frozenset({"Excel", "Insert", "Microsoft"})
# Names that are also everyday words ("mark the call"): counted as names anyway
# wherever they read as a person. Add one when a module uses such a name.
WORD_NAMES = frozenset({"Mark", "Grace", "Bill", "Rose", "Joy", "Faith", "Sue", "Pat"})
# A name deliberately given to the same person in several modules: {name: slugs}.
RECURRING = {}

_NAME = r"([A-Z][a-z]+)"
_AS_A_PERSON = (
    re.compile(_NAME + r"['’]s\b"),  # Sam's numbers
    re.compile(r"\b(?:Mr|Mrs|Ms|Dr) " + _NAME),  # Mrs Adebayo
    re.compile(_NAME + r"(?:,[^:\n]{0,30})?:"),  # Ravi, on mute: ...
    re.compile(_NAME + r" [a-z]+(?:s|ed)\b"),  # Sam sighs, Leah logged
    re.compile(r"(?<=[a-z0-9,;] )" + _NAME + r"\b"),  # talk to Sam
)
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")


def everyday_words(curriculum, names):
    """Every word the curriculum writes in lower case somewhere."""
    texts = [learner_visible_text(m, names) for m in curriculum.modules()]
    texts += [d.body + " " + (d.meta.why_it_matters or "") for d in curriculum.glossary]
    texts += [c.body for c in curriculum.courses()]
    return {w for text in texts for w in _LOWER_WORD.findall(text)}


def _term_words(curriculum):
    words = set()
    for doc in curriculum.glossary:
        words.update(
            re.findall(r"[A-Za-z]+", f"{doc.meta.term} {doc.meta.abbreviation}")
        )
    return words


def names_in(text, everyday, exclude):
    """The person names a text uses."""
    found = set()
    for pattern in _AS_A_PERSON:
        for match in pattern.finditer(text):
            word = match.group(1)
            if (
                (word in WORD_NAMES or word.lower() not in everyday)
                and word.rstrip("s") not in CALENDAR
                and not word.endswith("ing")
                and word not in exclude
            ):
                found.add(word)
    return found


def modules_by_name(curriculum):
    """{name: [modules that use it]} for every person name in the modules."""
    names = term_names(curriculum)
    everyday = everyday_words(curriculum, names)
    exclude = CALENDAR | TITLES | NOT_PEOPLE | _term_words(curriculum)
    where = {}
    for module in curriculum.modules():
        text = learner_visible_text(module, names)
        for name in names_in(text, everyday, exclude):
            where.setdefault(name, []).append(module)
    return where


def shared_names(curriculum):
    """(name, modules) for each name that two or more modules give a person."""
    return [
        (name, modules)
        for name, modules in sorted(modules_by_name(curriculum).items())
        if len(modules) > 1 and {m.slug for m in modules} - RECURRING.get(name, set())
    ]
