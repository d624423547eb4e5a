"""The two versions side by side, area by area, as revision plans are written:
old code and title | change | new code and title | reason. The page, the PDF and the HWPX all read
this one value; `change_counts` is the one place the counts per change are computed.

A fixed number of queries whatever the size of the plans.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from sangsaeng.accounts.models import Kind, User
from sangsaeng.committees.models import Decision
from sangsaeng.lib import kdate
from sangsaeng.plans.access import readable_tasks
from sangsaeng.plans.models import Task
from sangsaeng.plans.services import sort_key
from sangsaeng.versions.models import Change, PlanVersion, RevisionSource, TaskRevision


@dataclass(frozen=True)
class TaskRef:
    id: int
    code: str
    title: str
    area_number: int | None
    area_name: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.title}"


@dataclass(frozen=True)
class Row:
    id: int | None  # None: a task of the new plan that no revision row accounts for
    change: str
    old: tuple[TaskRef, ...]
    new: TaskRef | None
    reason: str
    decision: str
    revision: int = 0
    recorded: bool = True

    @property
    def change_label(self) -> str:
        return str(Change(self.change).label)

    @property
    def area_key(self) -> tuple[int, str]:
        """The new version's area for a row with a new task; the old one for a dropped task."""
        ref = self.new or (self.old[0] if self.old else None)
        if ref is None or ref.area_number is None:
            return (10_000, "")
        return (ref.area_number, ref.area_name)

    @property
    def moved_from(self) -> str:
        if self.change != Change.MOVE or not self.old or self.old[0].area_number is None:
            return ""
        return f"{self.old[0].area_number}. {self.old[0].area_name}"

    @property
    def order(self) -> str:
        ref = self.new or (self.old[0] if self.old else None)
        return sort_key(ref.code) if ref else ""


@dataclass
class AreaBlock:
    number: int | None
    name: str
    rows: list[Row] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.name}" if self.number is not None else "분야 없음"


@dataclass
class Comparison:
    version: PlanVersion
    blocks: list[AreaBlock]
    counts: list[tuple[str, str, int]]
    total: int
    old_count: int
    new_count: int

    @property
    def rows(self) -> list[Row]:
        return [row for block in self.blocks for row in block.rows]


def change_counts(rows: Iterable[Row]) -> list[tuple[str, str, int]]:
    """(change, label, number of rows) for every change, in the order revision plans list them."""
    tally = dict.fromkeys(Change.values, 0)
    for row in rows:
        tally[row.change] += 1
    return [(value, str(label), tally[value]) for value, label in Change.choices]


def decision_label(decision: Decision | None) -> str:
    if decision is None:
        return ""
    when = kdate.official(timezone.localdate(decision.meeting.starts_at))
    return f"{decision.meeting.title} ({when}) {decision.get_kind_display()}"


def _ref(task: Task) -> TaskRef:
    return TaskRef(
        id=task.pk,
        code=task.code,
        title=task.title,
        area_number=task.area.number if task.area else None,
        area_name=task.area.name if task.area else "",
    )


def _readable(user: User | None, version: PlanVersion) -> set[int] | None:
    """Task ids a partner viewer may read in the two plans; None when the user reads whole plans."""
    if user is None or user.kind != Kind.PARTNER:
        return None
    plans = [version.previous_id, version.plan_id]
    return set(readable_tasks(user, plans).values_list("pk", flat=True))


def build_rows(version: PlanVersion) -> list[Row]:
    """Every row of the version, and the new plan's top-level tasks no row accounts for."""
    sources = RevisionSource.objects.select_related("task__area").order_by("task__sort_key")
    revisions = (
        TaskRevision.objects.filter(version=version)
        .select_related("new_task__area", "decision__meeting")
        .prefetch_related(Prefetch("sources", queryset=sources))
    )
    rows: list[Row] = []
    for r in revisions:
        old = tuple(_ref(s.task) for s in r.sources.all())
        new = _ref(r.new_task) if r.new_task else None
        if not old and new is None:
            continue
        change = r.change
        recorded = True
        if new is None and change != Change.DROP:
            # The new card was deleted outside the revision pages: the plan says dropped.
            change, recorded = Change.DROP, False
        rows.append(Row(r.pk, change, old, new, r.reason, decision_label(r.decision), r.revision, recorded))
    unrecorded = Task.objects.filter(
        plan=version.plan, parent__isnull=True, revision_origin__isnull=True
    ).select_related("area")
    rows += [Row(None, Change.NEW, (), _ref(t), "", "", 0, False) for t in unrecorded]
    # Tasks added to the old plan after the revision started: not carried over, so far.
    sourced = RevisionSource.objects.filter(version=version).values("task_id")
    left = Task.objects.filter(plan=version.previous_id, parent__isnull=True).exclude(pk__in=sourced)
    rows += [Row(None, Change.DROP, (_ref(t),), None, "", "", 0, False) for t in left.select_related("area")]
    return rows


def _task_ids(row: Row) -> list[int]:
    return [t.id for t in row.old] + ([row.new.id] if row.new else [])


def compare(version: PlanVersion, *, user: User | None = None) -> Comparison:
    rows = build_rows(version)
    readable = _readable(user, version)
    if readable is not None:
        rows = [row for row in rows if all(i in readable for i in _task_ids(row))]
    return Comparison(
        version=version,
        blocks=group_by_area(rows),
        counts=change_counts(rows),
        total=len(rows),
        old_count=sum(len(row.old) for row in rows),
        new_count=sum(1 for row in rows if row.new),
    )


def group_by_area(rows: Sequence[Row]) -> list[AreaBlock]:
    blocks: dict[tuple[int, str], AreaBlock] = {}
    for row in sorted(rows, key=lambda r: (r.area_key, r.order, r.id or 0)):
        key = row.area_key
        if key not in blocks:
            blocks[key] = AreaBlock(key[0] if key[0] != 10_000 else None, key[1])
        blocks[key].rows.append(row)
    return list(blocks.values())
