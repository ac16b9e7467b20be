"""Complaint fixtures for the door tests of the sanitiser."""

from tests.complaints.conftest import world  # noqa: F401
