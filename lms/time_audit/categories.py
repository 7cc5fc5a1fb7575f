"""The two sets of categories (team leader, agent), the contracted weeks, and ISO weeks."""

from dataclasses import dataclass
from datetime import date, timedelta

LEADER = "leader"
AGENT = "agent"
SLOTS = 5  # each version has five categories, stored in hours_1..hours_5


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    hint: str


@dataclass(frozen=True)
class Version:
    key: str
    label: str
    categories: tuple
    # The category whose hours count towards the "sacred time" goal.
    sacred: str

    @property
    def sacred_category(self):
        return self.category(self.sacred)

    def keys(self):
        return [category.key for category in self.categories]

    def category(self, key):
        return next(c for c in self.categories if c.key == key)

    def slot(self, key):
        """The 1-based slot (hours_N) a category's hours are stored in."""
        return self.keys().index(key) + 1


VERSIONS = {
    LEADER: Version(
        LEADER,
        "Team leader",
        (
            Category(
                "developing", "Developing staff", "coaching, feedback, one-to-ones"
            ),
            Category(
                "supporting", "Supporting staff", "questions, escalations, roadblocks"
            ),
            Category("admin", "Administration", "reports, rotas, email, meetings"),
            Category("personal", "Personal development", "your own learning"),
            Category("other", "Everything else", "anything not above"),
        ),
        sacred="developing",
    ),
    AGENT: Version(
        AGENT,
        "Agent (no team yet)",
        (
            Category("queue", "Own queue", "your calls, chats and tickets"),
            Category("peers", "Helping peers", "answering questions, side-by-sides"),
            Category("projects", "Projects", "stretch projects, improvements"),
            Category("learning", "Learning", "modules, training, reading"),
            Category("admin", "Admin", "email, meetings, forms"),
        ),
        sacred="peers",
    ),
}
VERSION_CHOICES = [(v.key, v.label) for v in VERSIONS.values()]

# The contracted week; 60 stands for "60 or more".
CONTRACTED_CHOICES = [(40, "40 hours"), (50, "50 hours"), (60, "60 hours or more")]
WEEKDAY_CHOICES = [
    (1, "Monday"),
    (2, "Tuesday"),
    (3, "Wednesday"),
    (4, "Thursday"),
    (5, "Friday"),
    (6, "Saturday"),
    (7, "Sunday"),
]
MAX_WEEK_HOURS = 168


def week_start(day):
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.isoweekday() - 1)


def week_label(monday):
    """An ISO week as "2026-W49"."""
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(label):
    """The Monday of an ISO week written "2026-W49", or None if it is not one."""
    year, sep, week = label.partition("-W")
    if not (sep and year.isdigit() and week.isdigit() and len(week) == 2):
        return None
    try:
        return date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None
