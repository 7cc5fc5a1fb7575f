"""Cohorts: a programme run with dates, pacing (one rule, `schedule`), managers
and mentors; learner statuses, the dashboard, nightly snapshots and most-missed
questions; the registry of a cohort's sub-pages (`subpages`) that other concepts
add pages to, and the admin views."""
