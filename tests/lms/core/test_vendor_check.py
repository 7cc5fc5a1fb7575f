"""The system check names the databases lms supports and refuses the others."""

from types import SimpleNamespace

from lms import checks


def test_the_supported_databases_pass():
    assert checks.database_vendor_check(None, databases=["default"]) == []


def test_another_vendor_is_an_error_naming_it(monkeypatch):
    fake = {"default": SimpleNamespace(vendor="mysql")}
    monkeypatch.setattr(checks, "connections", fake)

    (error,) = checks.database_vendor_check(None, databases=["default"])

    assert error.id == "lms.E003"
    assert "mysql" in error.msg
    assert "PostgreSQL" in error.hint and "SQLite" in error.hint


def test_no_databases_asked_about_means_no_problem():
    assert checks.database_vendor_check(None) == []
