"""Readiness and the leadership pipeline: who is ready to lead, who is close and
who needs what. Each learner gets a performance score (what the evidence says
they deliver) and a potential score (the pipeline traits as their mentor and
manager rate them, their stated desire to lead, and how well they judge
themselves), is placed on a 3 x 3 grid by each programme's cut points, may be
moved by a manager with a reason, and gets a suggested next step. Ratings and
moves are kept as history, and a nightly snapshot records each learner's box,
from which the cohort's page shows movement and the "ready now" trend. A
programme's managers set its cut points and whether its learners see their own
verdict; a mentor sees their mentees' readiness across cohorts."""
