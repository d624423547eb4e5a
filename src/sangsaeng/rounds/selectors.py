"""Reads for the round pages, each in a fixed number of queries whatever the size of the round."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sangsaeng.accounts.models import User
from sangsaeng.lib import kdate
from sangsaeng.orgs.models import Department
from sangsaeng.plans.access import visible_plans
from sangsaeng.plans.models import Plan, Task
from sangsaeng.rounds.models import OPEN_STATES, ChangeRequest, Round, Update, UpdateState

# ---------------------------------------------------------------- the card's stamp


@dataclass(frozen=True)
class Confirmation:
    confirmed_at: dt.datetime
    round_id: int
    round_name: str

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.confirmed_at).date()

    @property
    def label(self) -> str:
        """확정: 2019. 7. 5. (2019년 2분기)"""
        return _("확정: %(date)s (%(round)s)") % {"date": kdate.official(self.date), "round": self.round_name}

    def __str__(self) -> str:
        return self.label


def confirmation_for(task_id: int, *, as_of: dt.date | None = None) -> Confirmation | None:
    """The task's latest confirmed update (as of a date, for a past card): one query."""
    updates = Update.objects.filter(task_id=task_id, state=UpdateState.CONFIRMED, confirmed_at__isnull=False)
    if as_of is not None:
        end = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time.min))
        updates = updates.filter(confirmed_at__lt=end)
    row = updates.order_by("-confirmed_at", "-id").values("confirmed_at", "round_id", "round__name").first()
    if row is None or row["confirmed_at"] is None:  # the filter excludes null; this tells the type checker
        return None
    return Confirmation(row["confirmed_at"], row["round_id"], row["round__name"])


# ---------------------------------------------------------------- the board

STATE_ORDER = [s.value for s in UpdateState]
STATE_ICONS = {
    UpdateState.NOT_STARTED: "○",
    UpdateState.DRAFT: "✎",
    UpdateState.SUBMITTED: "▲",
    UpdateState.RETURNED: "↩",
    UpdateState.CONFIRMED: "✓",
}


@dataclass
class BoardRow:
    update: Update
    due: dt.date
    overdue_days: int  # 0 unless still with the officer after the due date

    @property
    def is_overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass
class BoardGroup:
    department: Department
    due: dt.date
    rows: list[BoardRow]
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def done(self) -> int:
        return self.counts[UpdateState.SUBMITTED] + self.counts[UpdateState.CONFIRMED]


@dataclass
class Board:
    round: Round
    groups: list[BoardGroup]
    counts: Counter[str]
    total: int
    overdue: int
    departments: list[Department]
    department_id: int | None
    state: str

    @property
    def shown(self) -> int:
        return sum(len(g.rows) for g in self.groups)

    @property
    def state_counts(self) -> list[tuple[str, str, int]]:
        return [(s.value, str(s.label), self.counts[s.value]) for s in UpdateState]


def deadlines_of(rnd: Round) -> dict[int, dt.date]:
    return {d.department_id: d.due_date for d in rnd.deadlines.all()}


def overdue_days(update: Update, due: dt.date, today: dt.date) -> int:
    if update.state not in OPEN_STATES or not update.round.is_open:
        return 0
    return max(0, (today - due).days)


def board(
    rnd: Round, *, department_id: int | None = None, state: str = "", today: dt.date | None = None
) -> Board:
    """Per department and task: state, due date, overdue. Filters by department and state (or
    "overdue"); the totals always count the whole round."""
    today = today or timezone.localdate()
    deadlines = deadlines_of(rnd)
    updates = list(
        Update.objects.filter(round=rnd)
        .select_related("task", "department__organization", "saved_by", "submitted_by")
        .order_by("department__organization__name", "department__name", "department_id", "task__sort_key")
    )
    counts: Counter[str] = Counter()
    departments: dict[int, Department] = {}
    groups: dict[int, BoardGroup] = {}
    overdue = 0
    for u in updates:
        u.round = rnd
        due = deadlines.get(u.department_id, rnd.due_date)
        row = BoardRow(u, due, overdue_days(u, due, today))
        counts[u.state] += 1
        overdue += row.is_overdue
        departments.setdefault(u.department_id, u.department)
        if department_id and u.department_id != department_id:
            continue
        if state == "overdue" and not row.is_overdue:
            continue
        if state and state != "overdue" and u.state != state:
            continue
        group = groups.setdefault(u.department_id, BoardGroup(u.department, due, []))
        group.rows.append(row)
    for g in groups.values():
        g.counts = Counter(r.update.state for r in g.rows)
    return Board(
        rnd,
        list(groups.values()),
        counts,
        len(updates),
        overdue,
        list(departments.values()),
        department_id,
        state,
    )


# ---------------------------------------------------------------- lists


def _with_counts(rounds: QuerySet[Round]) -> QuerySet[Round]:
    return rounds.annotate(
        total=Count("updates"),
        submitted=Count("updates", filter=Q(updates__state=UpdateState.SUBMITTED)),
        confirmed=Count("updates", filter=Q(updates__state=UpdateState.CONFIRMED)),
        returned=Count("updates", filter=Q(updates__state=UpdateState.RETURNED)),
    )


def plan_rounds(plan: Plan) -> QuerySet[Round]:
    return _with_counts(Round.objects.filter(plan=plan)).order_by("-year", "-period_start", "-id")


def coordinated_rounds(user: User) -> QuerySet[Round]:
    plans = Plan.objects.all() if user.is_superuser else Plan.objects.filter(coordinators=user)
    return (
        _with_counts(Round.objects.filter(plan__in=plans))
        .select_related("plan")
        .order_by("-status", "-opened_at")  # open rounds first ("open" sorts after "closed")
    )


def editable_departments(user: User) -> list[int]:
    dept = user.department
    if dept is None:
        return []
    return [d for d in (dept.pk, dept.parent_id) if d]


def my_tasks(user: User) -> QuerySet[Task]:
    """Tasks the user's department leads or co-leads (the rule of plans.access.can_edit_task)."""
    mine = editable_departments(user)
    return Task.objects.filter(Q(lead_department_id__in=mine) | Q(co_departments__in=mine))


def my_updates(user: User, *, round: Round | None = None) -> QuerySet[Update]:
    updates = Update.objects.filter(
        round__plan__in=visible_plans(user), task_id__in=my_tasks(user).values("pk")
    )
    if round is not None:
        updates = updates.filter(round=round)
    return updates.select_related("round__plan", "task", "department__organization").order_by(
        "-round__status", "-round__opened_at", "task__sort_key"
    )


def with_due(updates: list[Update], today: dt.date | None = None) -> list[BoardRow]:
    """Rows with each update's due date, deadlines fetched in one query for all their rounds."""
    from sangsaeng.rounds.models import RoundDeadline

    today = today or timezone.localdate()
    rounds = {u.round_id for u in updates}
    deadlines = {
        (d.round_id, d.department_id): d.due_date for d in RoundDeadline.objects.filter(round_id__in=rounds)
    }
    rows = []
    for u in updates:
        due = deadlines.get((u.round_id, u.department_id), u.round.due_date)
        rows.append(BoardRow(u, due, overdue_days(u, due, today)))
    return rows


def change_requests(plan: Plan, user: User, *, coordinator: bool) -> QuerySet[ChangeRequest]:
    requests = ChangeRequest.objects.filter(task__plan=plan).select_related(
        "task", "requested_by", "decided_by"
    )
    if not coordinator:
        requests = requests.filter(task_id__in=my_tasks(user).values("pk"))
    return requests.order_by("-requested_at", "-id")


def pending_change_count(plan: Plan) -> int:
    return ChangeRequest.objects.filter(task__plan=plan, state=ChangeRequest.State.PENDING).count()


def summary_counts(rows: list[BoardRow]) -> dict[str, Any]:
    return {
        "total": len(rows),
        "open": sum(r.update.state in OPEN_STATES for r in rows),
        "overdue": sum(r.is_overdue for r in rows),
    }
