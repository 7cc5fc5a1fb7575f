"""The learner's self-assessment pages (filled in by the views as they land)."""

urlpatterns = []
