"""A revision of the world's plan: tasks 10-4 (the world's), 2-1 with a sub-task, 2-2 and 3-1 carried over."""

import datetime as dt
from dataclasses import dataclass

import pytest

from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.models import Activity, Area, Contact, Plan, Task, TaskText
from sangsaeng.versions import services
from sangsaeng.versions.models import PlanVersion, TaskRevision


@dataclass
class Revision:
    world: World
    version: PlanVersion
    economy: Area  # 분야 2 of the old plan
    culture: Area  # 분야 3 of the old plan

    @property
    def new_plan(self) -> Plan:
        return self.version.plan

    def old(self, code: str) -> Task:
        return Task.objects.get(plan=self.world.plan, code=code)

    def new(self, code: str) -> Task:
        return Task.objects.get(plan=self.version.plan, code=code)

    def new_area(self, number: int) -> Area:
        return self.version.plan.areas.get(number=number)

    def row(self, code: str) -> TaskRevision:
        return TaskRevision.objects.get(version=self.version, sources__task=self.old(code))

    def mark(self, task_code: str, change: str, reason: str = "사유", **kw: object) -> TaskRevision:
        return services.task_mark(
            actor=self.world.coordinator,
            version=self.version,
            old=self.old(task_code),
            mark=services.Mark(change=change, reason=reason, **kw),  # type: ignore[arg-type]
            base_revision=self.row(task_code).revision,
        )


def old_plan_tasks(world: World) -> tuple[Area, Area]:
    economy = Area.objects.create(plan=world.plan, number=2, name="경제공동체 실현")
    culture = Area.objects.create(plan=world.plan, number=3, name="문화·관광 협력")
    robots = make_task(world.plan, "2-1", area=economy, lead=world.policy)
    make_task(world.plan, "2-1-1", parent=robots, lead=world.policy)
    make_task(world.plan, "2-2", area=economy, lead=world.tourism)
    make_task(world.plan, "3-1", area=culture, lead=world.tourism)
    task = world.task
    Contact.objects.create(task=task, role="담당자", name="권순락", phone="880-2147")
    TaskText.objects.create(task=task, kind="outline", items=[{"text": "한뿌리 상생", "children": []}])
    Activity.objects.create(task=task, start=dt.date(2019, 3, 1), text="위원회 개최")
    for year, kind, amount in ((2019, "planned", 100), (2021, "planned", 200), (2021, "secured", 150)):
        BudgetEntry.objects.create(task=task, source=world.sources[1], kind=kind, year=year, amount=amount)
    task.co_departments.add(world.tourism)
    return economy, culture


@pytest.fixture
def revision(world: World) -> Revision:
    economy, culture = old_plan_tasks(world)
    version = services.version_create(
        actor=world.coordinator,
        previous=world.plan,
        title="대구·경북 상생협력 (2020 개정)",
        label="2020 개정",
        term_start_year=2020,
        term_end_year=2022,
        revised_on=dt.date(2020, 1, 20),
    )
    return Revision(world, version, economy, culture)
