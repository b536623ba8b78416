"""The hand-moved clock of the history tests (``tests/db/conftest.py``), for the services'
tests that read as of a past moment."""

from tests.db.conftest import clock  # noqa: F401  (a fixture: pytest finds it by its name here)
