"""The demo writes its collaboration documents' files to the default storage: in a
folder of each test's own, never var/media."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
