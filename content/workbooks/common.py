"""What every practice workbook shares: the week, teams, names and the Spec.

The data generators and the catalogue build on these; nothing here writes a
file, so any workbook module can import it without pulling in openpyxl.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

WEEK_START = date(2024, 3, 4)  # a Monday
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEAMS = ["Harbour", "Meadow", "Summit"]
CHANNELS = ["Call", "Chat", "Email"]
INTERVALS = [time(8 + i // 2, 30 * (i % 2)) for i in range(24)]  # 08:00 to 19:30
# Typical calls offered per 30-minute interval: a morning peak and a smaller
# one after lunch.
CURVE = [20, 28, 40, 52, 60, 64, 62, 58, 50, 46, 48, 54]
CURVE += [56, 52, 48, 44, 40, 38, 34, 30, 26, 22, 18, 14]
NAMES = [
    "Aisha Khan", "Ben Carter", "Chloe Evans", "Daniel Okafor", "Ella Murphy",
    "Farhan Ali", "Grace Li", "Harry Walsh", "Imogen Price", "Jamal Brown",
    "Katie Hughes", "Liam O'Neill", "Maya Patel", "Nathan Reid", "Olivia Shaw",
    "Priya Shah", "Ryan Doyle", "Sophie Turner", "Tom Bennett", "Usman Iqbal",
    "Victoria Cole", "Will Foster", "Yasmin Ahmed", "Zoe Clarke", "Adam Nowak",
    "Bethan Jones", "Callum Fraser", "Dami Adeyemi", "Erin Kelly", "Finn Morgan",
]  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """How to build one workbook: seed, data, answers, tasks and notes."""

    seed: int
    data: Callable[[random.Random], dict]
    answers: Callable[[dict], dict]
    tasks: tuple[str, ...]
    notes: tuple[str, ...] = ()


def _records(rows):
    """Turn a header row plus data rows into a list of dicts."""
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def _day(offset):
    """Return the date `offset` days after the Monday the data starts on."""
    return WEEK_START + timedelta(days=offset)
