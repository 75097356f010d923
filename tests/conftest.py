"""Test settings: deterministic hypothesis runs, and the ``slow`` marker.

``HYPOTHESIS_PROFILE=ci`` (the default) derandomizes every property test, so a
run depends only on the code; ``HYPOTHESIS_PROFILE=dev`` draws new examples each
run and tries more of them.  ``-m "not slow"`` skips the timing tests.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "dev",
    deadline=None,
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "slow: timing tests on large inputs (deselect with -m 'not slow')")
