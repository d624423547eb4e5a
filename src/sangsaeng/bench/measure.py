"""What the load run measures in-process, against whatever database DATABASE_URL names.

`pick_targets()` chooses the pages to drive (the heaviest card, its plan, a coordinator of that plan);
`query_counts()` counts the SQL of one request to each page with Django's test Client, after a warm-up
request, exactly as plans/tests/test_query_counts.py does. `snapshot()` bundles both with the data
counts and the database's size, as JSON for `sangsaeng bench queries` (which the load runner calls
once per database, in a subprocess, because a process has one DATABASE_URL).
"""

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sangsaeng.accounts.models import User
from sangsaeng.bench.seed import database_counts, last_seed
from sangsaeng.budgets.models import BudgetItem
from sangsaeng.plans.models import Activity, Indicator, Task

# (key, label) in the order of the report. "floor" is the framework's floor: a view that does one
# trivial query and renders no template. "auth" is the floor of a signed-in page: the session and
# the user are loaded, then the home page redirects to the plan list (302) without a template.
PAGES: tuple[tuple[str, str], ...] = (
    ("floor", "/healthz (floor)"),
    ("auth", "/ (로그인 확인 → 이동)"),
    ("plans", "계획 목록"),
    ("plan", "계획 (과제 목록)"),
    ("card", "관리카드"),
    ("history", "변경 이력"),
    ("dashboard", "현황판 (모든 계획)"),
    ("plan_dashboard", "현황판 (계획)"),
)


# The status each page must answer; anything else is counted as an error.
EXPECTED_STATUS = {"auth": 302}


def expected_status(key: str) -> int:
    return EXPECTED_STATUS.get(key, 200)


class MeasureError(Exception):
    pass


@dataclass(frozen=True)
class Targets:
    user_id: int
    username: str
    plan_id: int
    plan_title: str
    task_id: int
    task_label: str
    indicators: int
    activities: int
    shape: str

    @property
    def urls(self) -> dict[str, str]:
        return {
            "floor": "/healthz",
            "auth": "/",
            "plans": "/plans/",
            "plan": f"/plans/{self.plan_id}/",
            "card": f"/tasks/{self.task_id}/",
            "history": f"/tasks/{self.task_id}/history/",
            "dashboard": "/dashboard/",
            "plan_dashboard": f"/dashboard/plans/{self.plan_id}/",
        }


def _count(model: Any) -> Any:
    rows = model.objects.filter(task=OuterRef("pk")).order_by().values("task").annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")[:1]), Value(0), output_field=IntegerField())


def _cards() -> Any:
    return (
        Task.objects.filter(plan__coordinators__isnull=False)
        .annotate(n_ind=_count(Indicator), n_act=_count(Activity), n_items=_count(BudgetItem))
        .annotate(score=F("n_ind") * 5 + F("n_act"))
        .order_by("-score", "pk")
        .select_related("plan")
    )


def shape_of(task: Task) -> str:
    """Which of the card's nested collections are non-empty. Django runs a nested prefetch (indicator
    values, 산출근거 lines) only when its parent collection has rows, so cards of different shapes
    differ by those queries whatever the data size; query counts are compared shape by shape."""
    indicators = "indicators" if getattr(task, "n_ind", 0) else "no indicators"
    items = "예산과목" if getattr(task, "n_items", 0) else "no 예산과목"
    return f"{indicators}, {items}"


def pick_targets() -> Targets:
    """The card with the most indicators (five year-values each) and activities, in a plan that has a
    coordinator; the page user is that plan's first coordinator."""
    best = _cards().first()
    if best is None:
        raise MeasureError(
            "과제가 없습니다: 먼저 `sangsaeng bench seed` 나 `sangsaeng demo` 로 자료를 넣으세요."
        )
    user = best.plan.coordinators.order_by("pk").first()
    if user is None:  # pragma: no cover - the query keeps plans with a coordinator
        raise MeasureError(f"계획 {best.plan_id}에 총괄 담당자가 없습니다.")
    return Targets(
        user_id=user.pk,
        username=user.username,
        plan_id=best.plan_id,
        plan_title=best.plan.title,
        task_id=best.pk,
        task_label=f"{best.code} {best.title}",
        indicators=getattr(best, "n_ind", 0),
        activities=getattr(best, "n_act", 0),
        shape=shape_of(best),
    )


def _count_queries(client: Client, urls: dict[str, str]) -> dict[str, int]:
    counts = {}
    for key, url in urls.items():
        warm = client.get(url)
        want = expected_status(key)
        if warm.status_code != want:
            raise MeasureError(f"{url}: 응답 {warm.status_code} ({want}이어야 합니다)")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        if response.status_code != want:
            raise MeasureError(f"{url}: 응답 {response.status_code} ({want}이어야 합니다)")
        counts[key] = len(ctx.captured_queries)
    return counts


def _client(user_id: int) -> Client:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(pk=user_id))
    return client


def query_counts(targets: Targets) -> dict[str, int]:
    """SQL queries of one request to each page, as the coordinator, after a warm-up request."""
    return _count_queries(_client(targets.user_id), targets.urls)


def card_queries_by_shape(limit: int = 200) -> dict[str, dict[str, Any]]:
    """The card page's query count for the heaviest card of each shape (see `shape_of`)."""
    out: dict[str, dict[str, Any]] = {}
    for task in _cards()[:limit]:
        shape = shape_of(task)
        if shape in out:
            continue
        user = task.plan.coordinators.order_by("pk").first()
        if user is None:  # pragma: no cover - _cards() keeps plans with a coordinator
            continue
        counts = _count_queries(_client(user.pk), {"card": f"/tasks/{task.pk}/"})
        out[shape] = {"task_id": task.pk, "queries": counts["card"]}
    return out


def database_info() -> dict[str, Any]:
    vendor = connection.vendor
    info: dict[str, Any] = {"vendor": vendor, "name": str(settings.DATABASES["default"]["NAME"])}
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SELECT current_setting('server_version'), pg_database_size(current_database())")
            version, size = cursor.fetchone()
            info |= {"version": f"PostgreSQL {version}", "size_bytes": int(size)}
        elif vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = cursor.fetchone()[0]
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
            info |= {"version": f"SQLite {version}", "size_bytes": int(cursor.fetchone()[0])}
        else:  # pragma: no cover - the project runs on SQLite and PostgreSQL only
            info |= {"version": vendor, "size_bytes": None}
    return info


def snapshot() -> dict[str, Any]:
    targets = pick_targets()
    return {
        "targets": asdict(targets) | {"urls": targets.urls},
        "queries": query_counts(targets),
        "card_shapes": card_queries_by_shape(),
        "counts": database_counts(),
        "database": database_info(),
        "seed": last_seed(),
    }
