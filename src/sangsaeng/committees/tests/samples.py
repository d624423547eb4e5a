"""Sample objects for the project-wide URL test (web/tests/test_every_url_refuses_outsiders.py).

`samples(world)` gives a value for every URL parameter of this app; PUBLIC_URLS and OWN_LISTS name the
URLs that are open to anyone, and the lists that answer an outsider with nothing.
"""

from typing import Any

from sangsaeng.committees.tests.factory import setup
from sangsaeng.conftest import World

# Calendar feeds: clients subscribe without logging in; the secret in the address decides (404 else).
PUBLIC_URLS: set[str] = {"committees:feed_user", "committees:feed_committee"}
# The committee list and the user's own feed addresses (tests/test_pages.py and test_feeds.py check
# an outsider sees nothing there).
OWN_LISTS: set[str] = {"committees:list", "committees:calendar", "committees:calendar_reset"}


def samples(world: World) -> dict[str, Any]:
    s = setup(world)
    return {
        "committee_id": s.committee.pk,
        "member_id": s.member.pk,
        "meeting_id": s.meeting.pk,
        "item_id": s.item.pk,
        "paper_id": s.paper.pk,
        "decision_id": s.decision.pk,
        "line_id": s.meeting.cost_lines.get().pk,
        "fmt": "pdf",
    }
