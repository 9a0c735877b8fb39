"""Fixtures of the reconcile tests."""

from __future__ import annotations

import pytest

from counterclaim.reconcile import load_settings


@pytest.fixture(scope="session")
def settings():
    """The packaged reconcile settings."""
    return load_settings()
