"""Production serves static files through WhiteNoise's manifest: every vendored file must collect."""

from pathlib import Path
from typing import Any

from django.core.management import call_command


def test_every_static_file_collects_with_the_manifest_storage(settings: Any, tmp_path: Path) -> None:
    # A vendored script that names a missing file (a source map, a font) fails here, not at deploy time.
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
