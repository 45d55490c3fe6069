"""Fixtures of the prevention tests: Karlstad's and Arvika's areas with a few published key figures, and ali
(Karlstad's analyst), who writes the plans through the actions (knutpunkt/testing/prevention.py)."""

from __future__ import annotations

import pytest

from knutpunkt.organisations.access import Actor
from knutpunkt.testing.cast import Cast
from knutpunkt.testing.prevention import Figures, make_figures


@pytest.fixture
def figures(db: None) -> Figures:
    return make_figures()


@pytest.fixture
def ali(cast: Cast) -> Actor:
    return cast.actor(cast.ali)
