"""Self-assessment and the gap picture: a learner rates themselves on their
programme's competencies and the pipeline traits, sees the rating beside the
evidence the product holds (first-answer mastery, recall, stretch-project
rubric scores, their mentor's rating), picks at most three gaps to work on,
and My learning's "next up" follows them. Re-assessment every few weeks shows
before and after."""
