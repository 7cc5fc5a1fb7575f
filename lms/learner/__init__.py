"""The learner's own pages: My learning (with the panels and next-up hooks other
concepts extend), the state of a module page, enrolling oneself, the journal and
the action plan."""
