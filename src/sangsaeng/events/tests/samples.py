"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

import datetime as dt
from typing import Any

from sangsaeng.conftest import World
from sangsaeng.events.models import Event

PUBLIC_URLS: set[str] = set()
# The list of events each user may read (events/tests/test_event_pages.py checks an outsider's).
OWN_LISTS: set[str] = {"events:list"}


def make_event(world: World, **fields: Any) -> Event:
    tasks = fields.pop("tasks", [world.task])
    organizers = fields.pop("organizers", [world.daegu, world.gyeongbuk])
    values: dict[str, Any] = {
        "kind": Event.Kind.VISIT,
        "title": "시책현장 상호방문",
        "start": dt.date(2019, 5, 10),
        "participants": 30,
    }
    event = Event.objects.create(**(values | fields))
    event.organizers.set(organizers)
    event.tasks.set(tasks)
    return event


def samples(world: World) -> dict[str, Any]:
    return {"event_id": make_event(world).pk, "indicator_id": world.indicator.pk}
