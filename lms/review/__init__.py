"""Spaced retrieval practice: a review card per answered question, scheduled by FSRS."""
