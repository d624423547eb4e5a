"""Shared helpers of the exchange tests: a fuller card, and reading/editing workbooks in memory."""

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from openpyxl import load_workbook

from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.card_state import load_states
from sangsaeng.plans.models import Activity, Indicator, IndicatorValue, Task
from sangsaeng.plans.services import record_initial_state

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fill(world: World) -> None:
    """The world's card with a budget, a milestone indicator, activities and a sub-task."""
    task = world.task
    national, province = world.sources[0], world.sources[1]
    for kind, amounts in (("planned", (50_000, 120_000, 80_000)), ("secured", (50_000, 100_000, 0))):
        BudgetEntry.objects.create(
            task=task, source=national, kind=kind, bucket="before", year=0, amount=amounts[0]
        )
        BudgetEntry.objects.create(
            task=task, source=national, kind=kind, bucket="year", year=2019, amount=amounts[1]
        )
        if amounts[2]:
            BudgetEntry.objects.create(
                task=task, source=province, kind=kind, bucket="after", year=0, amount=amounts[2]
            )
    BudgetEntry.objects.create(
        task=task, source=national, kind="executed", bucket="year", year=2019, amount=90_500
    )
    milestone = Indicator.objects.create(task=task, name="협력체계 구축", kind="milestone", order=1)
    IndicatorValue.objects.create(
        indicator=milestone,
        year=2019,
        plan_text="협약 체결",
        actual_text="체결 완료",
        achieved=True,
        achieved_on=dt.date(2019, 5, 3),
    )
    Indicator.objects.create(task=task, name="값 없는 지표", unit="회", order=2)
    Activity.objects.create(
        task=task,
        start=dt.date(2019, 8, 30),
        text="상생협력 포럼 개최",
        details=[{"text": "대구·경북 공무원 200명", "children": [{"text": "분과 토론", "children": []}]}],
        participants=200,
    )
    Activity.objects.create(
        task=task, start=dt.date(2019, 2, 11), end=dt.date(2019, 2, 28), text="공동 연구 용역", details=[]
    )
    Activity.objects.create(
        task=task, start=dt.date(2018, 10, 1), start_precision="month", open_ended=True, text="교류 사업"
    )
    Task.objects.filter(pk=task.pk).update(goal="대구·경북 상생", implementer="공동")
    record_initial_state(task=task, actor=None, summary="시험 자료 보강")
    sub = make_task(
        world.plan, "10-4-1", area=world.area, parent=task, lead=world.policy, progress=Decimal(40)
    )
    Task.objects.filter(pk=task.pk).update(progress=Decimal(40))
    record_initial_state(task=sub, actor=None)


def card_states(world: World) -> dict[int, Any]:
    ids = list(Task.objects.filter(plan=world.plan).values_list("pk", flat=True))
    return {pk: s.to_json() for pk, s in load_states(ids).items()}


def audit_count() -> int:
    """Audit rows about plans and cards (sign-ins of the test clients are left out)."""
    return AuditLog.objects.filter(Q(task__isnull=False) | Q(plan__isnull=False)).count()


def workbook(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content))


def save(wb: Any, name: str = "계획.xlsx") -> SimpleUploadedFile:
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


def download(response: Any) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def find_row(ws: Any, **match: Any) -> int:
    """The row number whose cells under the given headers hold the given values."""
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        values = {headers[i]: c.value for i, c in enumerate(row)}
        if all(values.get(h) == v for h, v in match.items()):
            return row[0].row
    raise AssertionError(f"no row with {match}")


def column(ws: Any, header: str) -> int:
    headers = [c.value for c in ws[1]]
    return headers.index(header) + 1
