"""Stretch projects: each learner's copy of a template, its states (`states.MOVES`),
work and evidence files (judged by their bytes, stored privately), mentor reviews,
the manager's report, reminders, calendar feeds, and the pages of all three roles."""
