"""The day a scheduled job works on."""

from datetime import date

from django.utils import timezone


def job_day(day):
    """The ISO date a job was given, or today in the site's time zone."""
    return date.fromisoformat(day) if day else timezone.localdate()
