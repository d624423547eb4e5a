"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

from typing import Any

from sangsaeng.conftest import World

PUBLIC_URLS: set[str] = set()
OWN_LISTS: set[str] = set()


def samples(world: World) -> dict[str, Any]:
    return {}
