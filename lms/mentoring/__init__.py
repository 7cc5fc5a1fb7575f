"""Mentoring: the mentor's admin area (review queue, rubric reviews, sign-off)
and GROW coaching notes, read by their author and the cohort's managers only."""
