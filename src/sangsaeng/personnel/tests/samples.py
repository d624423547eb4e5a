"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

import datetime as dt
from typing import Any

from sangsaeng.conftest import World
from sangsaeng.personnel.models import Exchange

PUBLIC_URLS: set[str] = set()
# Lists of what each user may read (personnel/tests/test_exchange_pages.py checks an outsider's).
OWN_LISTS: set[str] = {"personnel:list", "personnel:costs"}


def make_exchange(world: World, **fields: Any) -> Exchange:
    values: dict[str, Any] = {
        "kind": Exchange.Kind.SWAP,
        "person_name": "김교류",
        "person_grade": 5,
        "home_org": world.gyeongbuk,
        "home_department": world.policy,
        "host_org": world.daegu,
        "counterpart_name": "이상생",
        "counterpart_grade": 5,
        "start": dt.date(2019, 1, 1),
        "end": dt.date(2019, 12, 31),
    }
    return Exchange.objects.create(**(values | fields))


def samples(world: World) -> dict[str, Any]:
    return {"exchange_id": make_exchange(world).pk}
