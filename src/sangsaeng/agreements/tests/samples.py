"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

from typing import Any

from sangsaeng.conftest import World
from sangsaeng.orgs.models import Agreement

PUBLIC_URLS: set[str] = set()
# agreements:mine sends each user to their own government's partners page (tests/test_partners.py).
OWN_LISTS: set[str] = {"agreements:list", "agreements:mine"}


def make_agreement(world: World, **fields: Any) -> Agreement:
    agreement = Agreement.objects.create(
        title=fields.pop("title", "대구·경북 한뿌리 상생협약"),
        kind=fields.pop("kind", Agreement.Kind.MOU),
        **fields,
    )
    agreement.parties.set([world.daegu, world.gyeongbuk])
    return agreement


def samples(world: World) -> dict[str, Any]:
    return {"agreement_id": make_agreement(world).pk, "org_id": world.gyeongbuk.pk}
