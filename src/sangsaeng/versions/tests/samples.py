"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py)."""

from typing import Any

from sangsaeng.conftest import World


def versions_samples(world: World) -> dict[str, Any]:
    return {}
