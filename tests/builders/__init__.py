"""One builder for each thing the tests make, named after what it builds.

people: users and their roles; pages: the curriculum tree and its block data;
cohorts: cohorts and the learners in them; events: raw events as a client sends
them; progress: roll-ups and their ground truth; learner: journal and action
plan rows; review: cards and answers in the past; stretch, uploads, time_audit, readiness: those concepts' scenes and files;
web: requests to the site and reading its answers back.
"""
