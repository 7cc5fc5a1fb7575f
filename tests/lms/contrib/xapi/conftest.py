import pytest

from tests.lms.contrib.xapi.lrs import RecordStore


@pytest.fixture
def lrs(settings):
    store = RecordStore().start()
    settings.LMS_XAPI_ENDPOINT = store.endpoint
    settings.LMS_XAPI_USERNAME = "lms"
    settings.LMS_XAPI_PASSWORD = "secret"
    settings.LMS_XAPI_BATCH = 3
    settings.LMS_XAPI_TIMEOUT = 2
    yield store
    store.stop()
