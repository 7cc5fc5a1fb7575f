"""The plugin's settings: defaults for a host site that sets nothing, and checks."""

import pytest
from django.core.management import call_command

from lms.checks import private_root_check
from lms.conf import DEFAULTS, lms_settings


def test_every_setting_has_its_default_when_the_site_sets_none(settings):
    for name in DEFAULTS:
        if hasattr(settings, f"LMS_{name}"):
            delattr(settings, f"LMS_{name}")

    assert lms_settings.APPLY_DRAIN == 500
    assert lms_settings.HANDOFF_SECONDS == 0.1
    assert lms_settings.EVIDENCE_MAX_BYTES == 10 * 1024 * 1024
    assert lms_settings.EVIDENCE_MAX_FILES == 5
    assert lms_settings.PRIVATE_ROOT is None


def test_a_site_setting_wins_and_is_read_on_each_access(settings):
    settings.LMS_APPLY_DRAIN = 7
    assert lms_settings.APPLY_DRAIN == 7
    settings.LMS_APPLY_DRAIN = 8
    assert lms_settings.APPLY_DRAIN == 8


def test_an_unknown_setting_is_an_error_not_a_silent_none():
    with pytest.raises(AttributeError, match="LMS_APPLY_DRAINS"):
        lms_settings.APPLY_DRAINS  # noqa: B018


def check_ids():
    return [error.id for error in private_root_check(None)]


def test_the_check_asks_for_a_private_root(settings):
    del settings.LMS_PRIVATE_ROOT

    assert check_ids() == ["lms.E001"]


@pytest.mark.parametrize("public", ["MEDIA_ROOT", "STATIC_ROOT"])
def test_the_check_refuses_a_private_root_a_web_server_may_serve(
    settings, tmp_path, public
):
    setattr(settings, public, tmp_path)
    settings.LMS_PRIVATE_ROOT = tmp_path / "uploads" / ".." / "private"

    assert check_ids() == ["lms.E002"]


def test_a_private_root_beside_media_passes(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LMS_PRIVATE_ROOT = tmp_path / "private"

    assert check_ids() == []
    call_command("check", "--fail-level", "ERROR")
