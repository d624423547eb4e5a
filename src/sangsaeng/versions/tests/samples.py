"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

import datetime as dt
from typing import Any

from sangsaeng.conftest import World
from sangsaeng.versions import services

PUBLIC_URLS: set[str] = set()
OWN_LISTS: set[str] = set()


def samples(world: World) -> dict[str, Any]:
    """A revision of the world's plan (its task 10-4 carried over) with one newly found task."""
    version = services.version_create(
        actor=world.coordinator,
        previous=world.plan,
        title="한뿌리 2020 개정판",
        label="2020 개정",
        term_start_year=2020,
        term_end_year=2022,
        revised_on=dt.date(2020, 1, 20),
    )
    added = services.task_add(
        actor=world.coordinator,
        version=version,
        new=services.NewTask(code="1-9", title="새로 발굴한 과제", area=None, reason="위원회 제안"),
    )
    # task_id (world.task) is a task of the old plan: the mark page takes it.
    return {"version_id": version.pk, "task_revision_id": added.pk}
