"""Demo data of the apps that came after the plans: each app's `demo.load(ctx)` adds its own part.

Called by `load_demo` inside its transaction, after the plans, tasks and reporting rounds exist.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from sangsaeng.accounts.models import User
from sangsaeng.orgs.models import Agreement, Department, Organization

# The demo's plans: the loader's three and the 2020 revision of 한뿌리 (versions.demo).
DEMO_PLANS = 4

# In loading order: requests go on committee agendas, events feed indicators under agreements, and the
# plan revision carries over every task the others made.
EXTRA_DEMOS = ("committees", "agreements", "personnel", "events", "requests", "versions")


@dataclass
class DemoContext:
    users: dict[str, User]  # by username (demo, officer, daegu, seoul, auditor, gangwon, outsider)
    orgs: dict[str, Organization]  # by short name (대구, 경북, 서울, ...)
    depts: dict[tuple[str, str], Department]  # by (organization short name, department name)
    agreements: dict[str, Agreement]  # by key (한뿌리, 달빛, ...)
    progress: Callable[[str], None]


def load_extras(ctx: DemoContext) -> None:
    for app in EXTRA_DEMOS:
        import_module(f"sangsaeng.{app}.demo").load(ctx)
