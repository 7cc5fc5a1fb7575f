"""Self-assessment pages, under /learn/assessment/, in the `lms` namespace: the
learner's (rating, gap picture, focus) and their mentor's."""

from lms.assessment.learner_urls import urlpatterns as learner_urls
from lms.assessment.mentor_urls import urlpatterns as mentor_urls

urlpatterns = learner_urls + mentor_urls
