"""The mentor's view of a learner's self-assessment and their own ratings."""

urlpatterns = []
