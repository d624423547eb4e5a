"""The dashboard's figures, each aggregated in SQL: a fixed number of queries whatever the data size.

Scope: the tasks the user may read (plans.access), narrowed by the filters in the URL.
- 사업이행도 counts, 완료율, 이행률 and 평균 진도율 count top-level tasks (세부과제 제외), as the plan page
  does: a parent's 진도율 already rolls up its sub-tasks.
- Budget and indicators sum every card, sub-tasks included: each card holds its own entries and
  indicators, and no card repeats another's.
Formulas come from sangsaeng.lib.figures; this module only counts and sums.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django.db.models import Count, F, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from sangsaeng.accounts.models import Kind, User
from sangsaeng.budgets.models import Bucket, BudgetEntry, BudgetKind
from sangsaeng.lib import figures
from sangsaeng.lib.figures import RateDisplay
from sangsaeng.plans.models import Indicator, IndicatorValue, Plan, Status, Task
from sangsaeng.rounds.models import OPEN_STATES, Round, RoundDeadline, Update, UpdateState
from sangsaeng.rounds.selectors import my_tasks

GROUP_LIMIT = 20  # rows shown per breakdown (by department, by government), largest first

# ---------------------------------------------------------------- who reads which tasks


def report_tasks(user: User, tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Of `tasks`, those whose round updates the user may see (rounds.access.access_update): the
    plan's coordinators see all, officers the tasks their department leads or co-leads."""
    if user.is_superuser:
        return tasks
    coordinated = Plan.objects.filter(coordinators=user).values("pk")
    if user.kind == Kind.OFFICER:
        return tasks.filter(Q(plan__in=coordinated) | Q(pk__in=my_tasks(user).values("pk")))
    return tasks.filter(plan__in=coordinated)


# ---------------------------------------------------------------- filters


def _as_int(params: Mapping[str, Any], name: str) -> int | None:
    value = str(params.get(name, "") or "")
    return int(value) if value.isdigit() and len(value) < 10 else None


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters, all in the query string so a view can be bookmarked and shared.

    `year` narrows the figures that have a year (budget, indicators); a task's 사업이행도 is current."""

    plan: int | None = None
    area: int | None = None
    organization: int | None = None
    department: int | None = None
    status: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, params: Mapping[str, Any], *, plan: int | None = None) -> "DashboardFilters":
        status = str(params.get("status", "") or "")
        plan = plan if plan is not None else _as_int(params, "plan")
        year = _as_int(params, "year")
        return cls(
            plan=plan,
            # An area belongs to one plan: without a plan the filter means nothing.
            area=_as_int(params, "area") if plan else None,
            organization=_as_int(params, "org"),
            department=_as_int(params, "dept"),
            status=status if status in Status.values else "",
            year=year if year and 1900 <= year <= 2200 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.area or self.organization or self.department or self.status or self.year)

    def params(self, **extra: Any) -> dict[str, Any]:
        """The filters as query parameters, `extra` on top (None drops a parameter)."""
        out: dict[str, Any] = {
            "plan": self.plan,
            "area": self.area,
            "org": self.organization,
            "dept": self.department,
            "status": self.status,
            "year": self.year,
        }
        out |= extra
        return {k: v for k, v in out.items() if v not in (None, "", False)}

    def query(self, **extra: Any) -> str:
        return urlencode(self.params(**extra))

    def apply(self, tasks: QuerySet[Task]) -> QuerySet[Task]:
        if self.plan:
            tasks = tasks.filter(plan_id=self.plan)
        if self.area:
            tasks = tasks.filter(area_id=self.area)
        if self.status:
            tasks = tasks.filter(status=self.status)
        if self.department:
            tasks = tasks.filter(lead_department_id=self.department)
        if self.organization:
            # A subquery, not a join on partners: the counts below would be multiplied by it.
            partner_of = Task.partners.through.objects.filter(organization_id=self.organization)
            tasks = tasks.filter(
                Q(lead_department__organization_id=self.organization) | Q(pk__in=partner_of.values("task_id"))
            )
        return tasks


# The figure a task-list link stands for, on top of the filters.
STATUS_GROUPS = {"done": figures.DONE_STATUSES, "implemented": figures.IMPLEMENTED_STATUSES}
INDICATOR_STATES = ("met", "behind", "pending")
ROUND_STATES = (*UpdateState.values, "overdue")


@dataclass(frozen=True)
class FigureFilter:
    top: bool = False  # level=top: top-level tasks only
    group: str = ""  # done | implemented: the numerators of 완료율 and 이행률
    indicator: str = ""  # met | behind | pending, in `year` when the filters name one
    budget: str = ""  # a BudgetKind: tasks with such entries (of `source`, in `year` or `bucket`)
    source: str = ""
    bucket: str = ""  # before | after (기투자 / 임기후 columns)
    round_state: str = ""  # an UpdateState or "overdue", in the plan's last round
    with_org: int | None = None  # a second government taking part (a row of 참여 기관별 under `org`)

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> "FigureFilter":
        def one_of(name: str, allowed: Iterable[str]) -> str:
            value = str(params.get(name, "") or "")
            return value if value in allowed else ""

        return cls(
            top=params.get("level") == "top",
            group=one_of("group", STATUS_GROUPS),
            indicator=one_of("indicator", INDICATOR_STATES),
            budget=one_of("budget", BudgetKind.values),
            source=str(params.get("source", "") or "")[:30],
            bucket=one_of("bucket", (Bucket.BEFORE, Bucket.AFTER)),
            round_state=one_of("round", ROUND_STATES),
            with_org=_as_int(params, "with"),
        )

    @property
    def active(self) -> bool:
        return bool(
            self.top or self.group or self.indicator or self.budget or self.round_state or self.with_org
        )

    def params(self) -> dict[str, str]:
        out = {
            "level": "top" if self.top else "",
            "group": self.group,
            "indicator": self.indicator,
            "budget": self.budget,
            "source": self.source if self.budget else "",
            "bucket": self.bucket if self.budget else "",
            "round": self.round_state,
            "with": str(self.with_org or ""),
        }
        return {k: v for k, v in out.items() if v}


def figure_tasks(
    user: User, tasks: QuerySet[Task], filters: DashboardFilters, figure: FigureFilter
) -> QuerySet[Task]:
    """The tasks behind one figure of the dashboard: the same conditions its count or sum used."""
    if figure.top:
        tasks = tasks.filter(parent__isnull=True)
    if figure.with_org:
        tasks = DashboardFilters(organization=figure.with_org).apply(tasks)
    if figure.group:
        tasks = tasks.filter(status__in=STATUS_GROUPS[figure.group])
    if figure.indicator:
        cells = _indicator_cells(filters.year).filter(_cell_state_q(figure.indicator))
        tasks = tasks.filter(pk__in=cells.values("indicator__task_id"))
    if figure.budget:
        entries = BudgetEntry.objects.filter(kind=figure.budget).exclude(amount=0)
        if figure.source:
            entries = entries.filter(source__name=figure.source)
        if figure.bucket:
            entries = entries.filter(bucket=figure.bucket)
        elif filters.year:
            entries = entries.filter(bucket=Bucket.YEAR, year=filters.year)
        tasks = tasks.filter(pk__in=entries.values("task_id"))
    if figure.round_state:
        updates = _last_round_updates()
        if figure.round_state == "overdue":
            updates = updates.filter(_overdue_q())
        else:
            updates = updates.filter(state=figure.round_state)
        tasks = report_tasks(user, tasks).filter(pk__in=updates.values("task_id"))
    return tasks


def _dicts(rows: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Grouped value rows whose keys are computed (one count per status): plain dicts to the type checker."""
    return cast(Iterable[dict[str, Any]], rows)


# ---------------------------------------------------------------- 사업이행도


@dataclass
class StatusFigures:
    """Counts by 사업이행도 of one group of top-level tasks, with the rates computed from them."""

    key: Any
    label: str
    by_status: dict[str, int]
    progress_sum: Decimal
    link: dict[str, Any] = field(default_factory=dict)  # the filter this row stands for
    # The task lists behind the row's counts (set by the view): the total's, and one per status.
    total_url: str = ""
    status_urls: list[tuple[str, str, int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def completion(self) -> RateDisplay:
        return figures.rate_display(figures.completion_rate(self.by_status))

    @property
    def implementation(self) -> RateDisplay:
        return figures.rate_display(figures.implementation_rate(self.by_status))

    @property
    def avg_progress(self) -> Decimal | None:
        return figures.average(self.progress_sum, self.total)

    @property
    def cells(self) -> list[tuple[str, str, int]]:
        return [(value, str(label), self.by_status.get(value, 0)) for value, label in Status.choices]

    def add(self, other: "StatusFigures") -> None:
        for status, n in other.by_status.items():
            self.by_status[status] = self.by_status.get(status, 0) + n
        self.progress_sum += other.progress_sum


def _progress(value: Any) -> Decimal:
    # SQLite sums decimals as floats; progress has two places, so the sum is exact once re-quantized.
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


# Counted per (group, 사업이행도) and folded here: two plain aggregates instead of one filtered count per
# status, which the ORM compiles and the database runs several times faster.
COUNTS = {"n": Count("id"), "p": Sum("progress")}


def _fold(rows: Iterable[Any], key_field: str, label_field: str, param: str) -> dict[Any, StatusFigures]:
    groups: dict[Any, StatusFigures] = {}
    for r in _dicts(rows):
        key = r[key_field]
        g = groups.get(key)
        if g is None:
            link = {param: key} if param else {}
            g = groups[key] = StatusFigures(
                key, r[label_field] or "", dict.fromkeys(Status.values, 0), Decimal(0), link
            )
        g.by_status[r["status"]] += int(r["n"])
        g.progress_sum += _progress(r["p"])
    return groups


def status_totals(top: QuerySet[Task]) -> StatusFigures:
    rows = top.values("status").annotate(**COUNTS).order_by()
    folded = _fold((r | {"k": None, "l": ""} for r in _dicts(rows)), "k", "l", "")
    return folded.get(None) or StatusFigures(None, "", dict.fromkeys(Status.values, 0), Decimal(0))


def by_group(
    top: QuerySet[Task], field_name: str, label_field: str, param: str, *, qualifier: str = ""
) -> list[StatusFigures]:
    """Status counts per value of `field_name` (area, lead department, plan), largest group first;
    `qualifier` goes before the label (a department's government: 경북 정책기획관, 대구 정책기획관)."""
    fields = (field_name, label_field, "status", *([qualifier] if qualifier else []))
    rows = list(_dicts(top.values(*fields).annotate(**COUNTS).order_by()))
    if qualifier:
        rows = [r | {label_field: f"{r[qualifier] or ''} {r[label_field] or ''}".strip()} for r in rows]
    return sorted(_fold(rows, field_name, label_field, param).values(), key=lambda g: (-g.total, g.label))


def by_government(top: QuerySet[Task]) -> list[StatusFigures]:
    """Per government taking part in a task (as lead or partner): each task counted once per
    government, in two grouped queries (lead, then partners other than the lead)."""
    lead = (
        top.filter(lead_department__isnull=False)
        .values(
            "status", org=F("lead_department__organization_id"), name=F("lead_department__organization__name")
        )
        .annotate(**COUNTS)
        .order_by()
    )
    groups = _fold(lead, "org", "name", "org")
    lead_org = F("task__lead_department__organization_id")
    partners = (
        Task.partners.through.objects.filter(task_id__in=top.values("pk"))
        .filter(
            Q(task__lead_department__isnull=True)
            | Q(organization_id__lt=lead_org)
            | Q(organization_id__gt=lead_org)
        )
        .values(org=F("organization_id"), name=F("organization__name"), status=F("task__status"))
        .annotate(n=Count("task_id"), p=Sum("task__progress"))
        .order_by()
    )
    for key, extra in _fold(partners, "org", "name", "org").items():
        if key in groups:
            groups[key].add(extra)
        else:
            groups[key] = extra
    return sorted(groups.values(), key=lambda g: (-g.total, g.label))


# ---------------------------------------------------------------- budget


@dataclass
class BudgetFigures:
    """투자계획 · 확보 · 집행 of one row (a source, a year, or all), in 천원."""

    label: str
    planned: int = 0
    secured: int = 0
    executed: int = 0
    link: dict[str, Any] = field(default_factory=dict)

    @property
    def securing(self) -> RateDisplay:
        return figures.rate_display(figures.securing_rate(self.planned, self.secured))

    @property
    def execution(self) -> RateDisplay:
        return figures.rate_display(figures.budget_execution_rate(self.secured, self.executed))

    def add(self, kind: str, amount: int) -> None:
        setattr(self, kind, getattr(self, kind) + amount)


@dataclass
class Budget:
    by_source: list[BudgetFigures]
    by_year: list[BudgetFigures]
    total: BudgetFigures

    @property
    def empty(self) -> bool:
        return not self.by_source


def budget_figures(tasks: QuerySet[Task], filters: DashboardFilters) -> Budget:
    """Sums of the cards' 예산투입 cells, by source (by name, across plans) and by year; 기투자 and
    임기후 are their own columns (stored with year=0)."""
    entries = BudgetEntry.objects.filter(task_id__in=tasks.values("pk"))
    if filters.year:
        entries = entries.filter(bucket=Bucket.YEAR, year=filters.year)
    rows = (
        entries.values("source__name", "kind", "bucket", "year")
        .annotate(amount=Sum("amount"), order=Min("source__order"))
        .order_by()
    )
    sources: dict[str, BudgetFigures] = {}
    source_order: dict[str, int] = {}
    years: dict[tuple[int, int], BudgetFigures] = {}
    total = BudgetFigures("")
    bucket_rank = {Bucket.BEFORE.value: 0, Bucket.YEAR.value: 1, Bucket.AFTER.value: 2}
    for r in rows:
        name, kind, amount = r["source__name"], r["kind"], int(r["amount"] or 0)
        sources.setdefault(name, BudgetFigures(name, link={"source": name})).add(kind, amount)
        source_order[name] = min(source_order.get(name, r["order"]), r["order"])
        key = (bucket_rank[r["bucket"]], r["year"])
        if key not in years:
            label = str(r["year"]) if r["bucket"] == Bucket.YEAR else str(Bucket(r["bucket"]).label)
            link = {"year": r["year"]} if r["bucket"] == Bucket.YEAR else {"bucket": r["bucket"]}
            years[key] = BudgetFigures(label, link=link)
        years[key].add(kind, amount)
        total.add(kind, amount)
    return Budget(
        by_source=sorted(sources.values(), key=lambda s: (source_order[s.label], s.label)),
        by_year=[years[k] for k in sorted(years)],
        total=total,
    )


# ---------------------------------------------------------------- indicators


def _indicator_cells(year: int | None) -> QuerySet[IndicatorValue]:
    cells = IndicatorValue.objects.all()
    return cells.filter(year=year) if year else cells


def _cell_state_q(state: str, today: dt.date | None = None) -> Q:
    """The SQL of figures.indicator_cell_state over IndicatorValue rows (rate = actual ÷ target)."""
    this_year = (today or timezone.localdate()).year
    numeric = Q(indicator__kind=Indicator.Kind.NUMERIC)
    milestone = Q(indicator__kind=Indicator.Kind.MILESTONE)
    planned = (numeric & Q(target__isnull=False) & ~Q(target=0)) | (milestone & ~Q(plan_text=""))
    met = (
        numeric
        & Q(actual__isnull=False)
        & (Q(target__gt=0, actual__gte=F("target")) | Q(target__lt=0, actual__lte=F("target")))
    ) | (milestone & (Q(achieved=True) | Q(achieved_on__isnull=False)))
    pending = Q(year__gt=this_year) | (numeric & Q(actual__isnull=True))
    if state == "met":
        return planned & met
    if state == "pending":
        return planned & ~met & pending
    return planned & ~met & ~pending


@dataclass
class IndicatorYear:
    year: int
    met: int
    behind: int
    pending: int

    @property
    def total(self) -> int:
        return self.met + self.behind + self.pending

    @property
    def met_rate(self) -> RateDisplay:
        return figures.rate_display(figures.percent(self.met, self.met + self.behind))


def indicator_figures(tasks: QuerySet[Task], filters: DashboardFilters) -> list[IndicatorYear]:
    """Indicator-years with a plan, per year: 달성 / 미달 / 실적 미입력·예정."""
    cells = _indicator_cells(filters.year).filter(indicator__task_id__in=tasks.values("pk"))
    rows = (
        cells.values("year")
        .annotate(**{state: Count("id", filter=_cell_state_q(state)) for state in INDICATOR_STATES})
        .order_by("year")
    )
    out = [IndicatorYear(r["year"], r["met"], r["behind"], r["pending"]) for r in _dicts(rows)]
    return [y for y in out if y.total]


# ---------------------------------------------------------------- the last round


def _latest_round(plan_ref: str) -> Subquery:
    rounds = Round.objects.filter(plan=OuterRef(plan_ref)).order_by("-year", "-period_start", "-id")
    return Subquery(rounds.values("pk")[:1])


def _last_round_updates() -> QuerySet[Update]:
    """Updates of each plan's last round, with the due date that applies to each (its department's
    own, else the round's)."""
    deadline = RoundDeadline.objects.filter(round=OuterRef("round_id"), department=OuterRef("department_id"))
    return Update.objects.filter(round_id=_latest_round("round__plan_id")).annotate(
        due=Coalesce(Subquery(deadline.values("due_date")[:1]), F("round__due_date"))
    )


def _overdue_q() -> Q:
    return Q(state__in=OPEN_STATES, round__status=Round.Status.OPEN, due__lt=timezone.localdate())


@dataclass
class RoundFigures:
    plan_id: int
    plan_title: str
    round_id: int
    round_name: str
    is_open: bool
    by_state: dict[str, int]
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.by_state.values())

    @property
    def cells(self) -> list[tuple[str, str, int]]:
        return [(value, str(label), self.by_state.get(value, 0)) for value, label in UpdateState.choices]

    @property
    def submitted_rate(self) -> RateDisplay:
        done = self.by_state.get(UpdateState.SUBMITTED, 0) + self.by_state.get(UpdateState.CONFIRMED, 0)
        return figures.rate_display(figures.percent(done, self.total))


def round_figures(user: User, tasks: QuerySet[Task]) -> list[RoundFigures]:
    """Per plan, the submission state of its last round, over the tasks whose updates the user sees."""
    updates = _last_round_updates().filter(task_id__in=report_tasks(user, tasks).values("pk"))
    rows = (
        updates.values("round_id", "round__name", "round__status", "round__plan_id", "round__plan__title")
        .annotate(
            **{f"n_{s}": Count("id", filter=Q(state=s)) for s in UpdateState.values},
            overdue=Count("id", filter=_overdue_q()),
        )
        .order_by("round__plan__title", "round__plan_id")
    )
    return [
        RoundFigures(
            plan_id=r["round__plan_id"],
            plan_title=r["round__plan__title"],
            round_id=r["round_id"],
            round_name=r["round__name"],
            is_open=r["round__status"] == Round.Status.OPEN,
            by_state={s: int(r[f"n_{s}"]) for s in UpdateState.values},
            overdue=int(r["overdue"]),
        )
        for r in _dicts(rows)
    ]


# ---------------------------------------------------------------- the whole page


@dataclass
class Dashboard:
    filters: DashboardFilters
    totals: StatusFigures
    groups: list[tuple[str, list[StatusFigures], int]]  # (key, rows shown, rows in all)
    budget: Budget
    indicators: list[IndicatorYear]
    rounds: list[RoundFigures]

    @property
    def indicator_totals(self) -> IndicatorYear:
        return IndicatorYear(
            0,
            sum(y.met for y in self.indicators),
            sum(y.behind for y in self.indicators),
            sum(y.pending for y in self.indicators),
        )


def _limited(rows: list[StatusFigures]) -> tuple[list[StatusFigures], int]:
    return rows[:GROUP_LIMIT], len(rows)


def dashboard(user: User, visible: QuerySet[Task], filters: DashboardFilters, *, per_plan: bool) -> Dashboard:
    tasks = filters.apply(visible)
    top = tasks.filter(parent__isnull=True)
    first_group = (
        ("area", by_group(top, "area_id", "area__name", "area"))
        if per_plan
        else ("plan", by_group(top, "plan_id", "plan__title", "plan"))
    )
    governments = by_government(top)
    if filters.organization:
        # Under a government filter, a row is the tasks both take part in: its link keeps the filter.
        for g in governments:
            g.link = {} if g.key == filters.organization else {"with": g.key}
    groups = [
        first_group,
        (
            "department",
            by_group(
                top,
                "lead_department_id",
                "lead_department__name",
                "dept",
                qualifier="lead_department__organization__short_name",
            ),
        ),
        ("organization", governments),
    ]
    return Dashboard(
        filters=filters,
        totals=status_totals(top),
        groups=[(key, *_limited(rows)) for key, rows in groups],
        budget=budget_figures(tasks, filters),
        indicators=indicator_figures(tasks, filters),
        rounds=round_figures(user, tasks),
    )


def task_rows(tasks: QuerySet[Task]) -> QuerySet[Task, dict[str, Any]]:
    """The task list behind a figure, as plans.selectors.plan_tasks shows it, with the plan's title."""
    from sangsaeng.plans.selectors import TASK_LIST_FIELDS, TASK_LIST_NAMES

    rows: QuerySet[Task, dict[str, Any]] = (
        tasks.annotate(child_count=Count("children", distinct=True))
        .order_by("plan__title", "plan_id", "sort_key")
        .values(*TASK_LIST_FIELDS, "plan_id", plan_title=F("plan__title"), **TASK_LIST_NAMES)
    )
    return rows


def years_of(plans: Iterable[Plan]) -> list[int]:
    years: set[int] = set()
    for plan in plans:
        years.update(plan.term_years)
    return sorted(years)
