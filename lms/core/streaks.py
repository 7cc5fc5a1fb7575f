"""Days in a row: the learning streak of My learning and the review streak."""

from datetime import timedelta


def days_in_a_row(days, today):
    """Consecutive days of `days` ending today, or yesterday if today is not done yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
