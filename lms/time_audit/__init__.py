"""The weekly time audit: once a week a learner logs where their hours went (the
team-leader or the agent's categories, time in the work against leading it, their
contracted week), ranks what they value, and sees the gap between the two, a trend,
and a streak of weeks that kept their "sacred" time for developing people. Private
to the learner; shared with their mentor only by choice; managers see averages."""
