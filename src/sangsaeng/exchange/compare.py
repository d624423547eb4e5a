"""What a read workbook would change: every added, changed and removed row, field by field.

The file covers the cards listed on its '과제' sheet. For those cards the other sheets are the whole
truth (a row missing is removed, a row without an ID is added); cards not listed are left alone.
Rows are matched by 관리번호 and by the IDs the export wrote, never by position.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sangsaeng.budgets.models import FundingSource
from sangsaeng.exchange import sheets as layout
from sangsaeng.exchange import values as v
from sangsaeng.exchange.reading import ImportInvalid, Parsed, Problem, Row
from sangsaeng.plans.card_state import CardState, IndicatorState, load_states
from sangsaeng.plans.models import Plan, Task
from sangsaeng.plans.parts import computed_actuals

BATCH = 400
TASK_FIELDS = ("title", "status", "progress", "implementer", "goal")
INDICATOR_FIELDS = ("name", "kind", "unit")
VALUE_FIELDS = ("target", "actual", "plan_text", "actual_text", "achieved", "achieved_on")
ACTIVITY_FIELDS = ("when", "text", "details", "participants")
OPS = {"add": "추가", "change": "변경", "remove": "삭제"}


@dataclass
class Change:
    sheet: str  # layout key: tasks, indicators, budget, activities
    op: str  # add, change, remove
    entity: str  # task, indicator, value, budget, activity
    task_id: int
    code: str
    row: int | None  # the file's row (None for a removed row)
    label: str
    ref: dict[str, Any]
    fields: list[dict[str, str]]  # {field, header, before, after}
    data: dict[str, Any]  # new values (dumped) of the fields to write

    def to_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class Comparison:
    changes: list[Change] = field(default_factory=list)
    revisions: dict[int, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0
    tasks: int = 0


class _Context:
    def __init__(self, plan: Plan, parsed: Parsed) -> None:
        self.plan = plan
        self.parsed = parsed
        self.specs = parsed.sheets
        self.codes = dict(Task.objects.filter(plan=plan).values_list("code", "pk"))
        self.sources = dict(FundingSource.objects.filter(plan=plan).values_list("name", "pk"))
        self.source_names = {pk: name for name, pk in self.sources.items()}
        self.scope: dict[int, Row] = {}
        self.states: dict[int, CardState] = {}
        self.out = Comparison()

    def problem(self, sheet: str, row: Row, column: str, message: str) -> None:
        self.parsed.problem(sheet, row, column, message)

    def task_of(self, sheet: str, row: Row) -> int | None:
        """The card a row of a detail sheet belongs to, when it is one the '과제' sheet lists."""
        code = row.values.get("code")
        if not code:
            return None
        pk = self.codes.get(code)
        if pk is None:
            self.problem(sheet, row, "code", f"이 계획에 없는 관리번호입니다: '{code}'")
            return None
        if pk not in self.scope:
            self.problem(
                sheet,
                row,
                "code",
                f"'과제' 시트에 없는 관리번호입니다: '{code}'. 그 과제의 행도 '과제' 시트에 두세요.",
            )
            return None
        return pk

    def add(self, change: Change) -> None:
        self.out.changes.append(change)
        self.out.revisions[change.task_id] = self.states[change.task_id].revision


def _diff(
    spec: layout.Sheet, row: Row, current: dict[str, Any], names: Iterable[str]
) -> list[dict[str, str]]:
    out = []
    for name in names:
        column = spec.column(name)
        if v.same(column.kind, row.raw.get(name), row.values.get(name), current.get(name)):
            continue
        out.append(
            {
                "field": name,
                "header": column.header,
                "before": column.kind.show(current.get(name)),
                "after": column.kind.show(row.values.get(name)),
            }
        )
    return out


def _shown(
    spec: layout.Sheet, values: dict[str, Any], names: Iterable[str], *, after: bool
) -> list[dict[str, str]]:
    """The non-blank fields of a row that is added (after) or removed (before)."""
    out = []
    for name in names:
        column = spec.column(name)
        text = column.kind.show(values.get(name)) if values.get(name) is not None else ""
        if text:
            out.append(
                {
                    "field": name,
                    "header": column.header,
                    "before": "" if after else text,
                    "after": text if after else "",
                }
            )
    return out


def _dump(spec: layout.Sheet, values: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    return {name: spec.column(name).kind.dump(values.get(name)) for name in names}


def compare(plan: Plan, parsed: Parsed) -> Comparison:
    """Every change the file would make to the plan; ImportInvalid (sheet, row, column) when it cannot."""
    if parsed.plan_id is not None and parsed.plan_id != plan.pk:
        raise ImportInvalid(
            [
                Problem(
                    f"다른 계획(계획 ID {parsed.plan_id})에서 내려받은 파일입니다. 이 계획의 [Excel] 쪽에서 "
                    "내려받은 파일이나 빈 서식을 쓰세요."
                )
            ]
        )
    parsed.check()
    ctx = _Context(plan, parsed)
    with layout.korean():
        _scope(ctx)
        ids = list(ctx.scope)
        for start in range(0, len(ids), BATCH):
            ctx.states |= load_states(ids[start : start + BATCH])
        _tasks(ctx)
        _indicators(ctx)
        _budget(ctx)
        _activities(ctx)
    parsed.check()
    ctx.out.rows = sum(len(rows) for rows in parsed.rows.values())
    ctx.out.tasks = len(ctx.scope)
    return ctx.out


def _scope(ctx: _Context) -> None:
    for row in ctx.parsed.rows["tasks"]:
        code = row.values["code"]
        pk = ctx.codes.get(code)
        if pk is None:
            ctx.problem(
                "tasks",
                row,
                "code",
                f"이 계획에 없는 관리번호입니다: '{code}'. 과제의 추가·삭제는 화면에서 하세요.",
            )
            continue
        if pk in ctx.scope:
            first = ctx.scope[pk].number
            ctx.problem("tasks", row, "code", f"관리번호 '{code}'의 행이 이미 있습니다 ({first}행).")
            continue
        stated_id = row.raw.get("id")
        if stated_id not in (None, "") and str(stated_id).strip() != str(pk):
            ctx.problem("tasks", row, "id", f"과제 ID가 관리번호 '{code}'의 ID({pk})와 다릅니다.")
            continue
        ctx.scope[pk] = row


def _tasks(ctx: _Context) -> None:
    spec = ctx.specs["tasks"]
    for pk, row in ctx.scope.items():
        s = ctx.states[pk]
        current = {"title": s.title, "status": s.status, "progress": s.progress, "implementer": s.implementer}
        current["goal"] = s.goal
        names = [n for n in TASK_FIELDS if not (n == "progress" and s.children)]
        if s.children and not v.same(
            spec.column("progress").kind, row.raw.get("progress"), row.values.get("progress"), s.progress
        ):
            ctx.out.notes.append(
                f"{s.code}: 세부과제가 있어 종합 진도율은 세부과제에서 계산됩니다. "
                "파일의 값은 반영하지 않습니다."
            )
        revision = row.raw.get("revision")
        if isinstance(revision, int | float) and int(revision) != s.revision:
            ctx.out.warnings.append(
                f"{s.code} {s.title}: 파일을 내려받은 뒤 카드가 수정되었습니다 (수정번호 {int(revision)} → "
                f"{s.revision}). 아래 변경 내역이 그 수정을 되돌리지 않는지 확인하세요."
            )
        fields = _diff(spec, row, current, names)
        if fields:
            ctx.add(
                Change(
                    "tasks",
                    "change",
                    "task",
                    pk,
                    s.code,
                    row.number,
                    f"{s.code} {s.title}",
                    {},
                    fields,
                    _dump(spec, row.values, [f["field"] for f in fields]),
                )
            )


@dataclass
class _Group:
    task_id: int
    first: Row
    indicator: IndicatorState | None
    years: dict[int | None, Row] = field(default_factory=dict)


def _indicator_groups(ctx: _Context) -> dict[tuple[Any, ...], _Group]:
    spec = ctx.specs["indicators"]
    owned = {ind.id: (pk, ind) for pk, s in ctx.states.items() for ind in s.indicators}
    groups: dict[tuple[Any, ...], _Group] = {}
    for row in ctx.parsed.rows["indicators"]:
        pk = ctx.task_of("indicators", row)
        if pk is None:
            continue
        ind_id = row.values.get("indicator")
        if ind_id is not None:
            found = owned.get(ind_id)
            if found is None or found[0] != pk:
                ctx.problem(
                    "indicators", row, "indicator", f"관리번호 '{row.values['code']}'의 지표가 아닙니다."
                )
                continue
            key: tuple[Any, ...] = ("id", ind_id)
        else:
            key = ("new", pk, row.values["name"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(pk, row, owned[ind_id][1] if ind_id is not None else None)
        else:
            for name in INDICATOR_FIELDS:
                mine, theirs = row.values.get(name), group.first.values.get(name)
                if (
                    mine
                    and theirs
                    and spec.column(name).kind.canon(mine) != spec.column(name).kind.canon(theirs)
                ):
                    header = spec.column(name).header
                    ctx.problem(
                        "indicators",
                        row,
                        name,
                        f"같은 지표의 다른 행({group.first.number}행)과 {header}이(가) 다릅니다.",
                    )
        year = row.values.get("year")
        if year in group.years and year is not None:
            earlier = group.years[year].number
            ctx.problem("indicators", row, "year", f"같은 지표의 {year}년 행이 이미 있습니다 ({earlier}행).")
            continue
        group.years.setdefault(year, row)
    return groups


def _indicators(ctx: _Context) -> None:
    spec = ctx.specs["indicators"]
    groups = _indicator_groups(ctx)
    for pk, s in ctx.states.items():
        for ind in s.indicators:
            if ("id", ind.id) not in groups:
                before = {"name": ind.name, "kind": ind.kind, "unit": ind.unit}
                ctx.add(
                    Change(
                        "indicators",
                        "remove",
                        "indicator",
                        pk,
                        s.code,
                        None,
                        f"{s.code} · 「{ind.name}」",
                        {"indicator": ind.id},
                        [
                            *_shown(spec, before, INDICATOR_FIELDS, after=False),
                            {
                                "field": "year",
                                "header": "연도값",
                                "before": f"{len(ind.values)}개",
                                "after": "",
                            },
                        ],
                        {},
                    )
                )
    for group in groups.values():
        s = ctx.states[group.task_id]
        first = group.first.values
        known = group.indicator
        name = first["name"]
        if known is None:
            values = first | {"kind": first.get("kind") or "numeric"}
            ctx.add(
                Change(
                    "indicators",
                    "add",
                    "indicator",
                    group.task_id,
                    s.code,
                    group.first.number,
                    f"{s.code} · 「{name}」",
                    {"new": f"{group.first.number}"},
                    _shown(spec, values, INDICATOR_FIELDS, after=True),
                    _dump(spec, values, INDICATOR_FIELDS),
                )
            )
            ref: dict[str, Any] = {"new": f"{group.first.number}"}
            current_values: dict[int, Any] = {}
        else:
            current = {"name": known.name, "kind": known.kind, "unit": known.unit}
            names = [n for n in INDICATOR_FIELDS if not (n == "kind" and not first.get("kind"))]
            fields = _diff(spec, group.first, current, names)
            if fields:
                ctx.add(
                    Change(
                        "indicators",
                        "change",
                        "indicator",
                        group.task_id,
                        s.code,
                        group.first.number,
                        f"{s.code} · 「{known.name}」",
                        {"indicator": known.id},
                        fields,
                        _dump(spec, first, [f["field"] for f in fields]),
                    )
                )
            ref = {"indicator": known.id}
            current_values = {val.year: val for val in known.values}
        _indicator_values(ctx, spec, group, s, name, ref, current_values)


def _blank(values: dict[str, Any]) -> bool:
    return all(values.get(n) in (None, "", False) for n in VALUE_FIELDS)


def _indicator_values(
    ctx: _Context,
    spec: layout.Sheet,
    group: _Group,
    s: CardState,
    name: str,
    ref: dict[str, Any],
    current_values: dict[int, Any],
) -> None:
    for year, row in group.years.items():
        if year is None:
            continue
        label = f"{s.code} · 「{name}」 {year}년"
        existing = current_values.get(year)
        if existing is None:
            if not _blank(row.values):
                ctx.add(
                    Change(
                        "indicators",
                        "add",
                        "value",
                        group.task_id,
                        s.code,
                        row.number,
                        label,
                        ref | {"year": year},
                        _shown(spec, row.values, VALUE_FIELDS, after=True),
                        _dump(spec, row.values, VALUE_FIELDS),
                    )
                )
            continue
        current = {n: getattr(existing, n) for n in VALUE_FIELDS}
        fields = _diff(spec, row, current, VALUE_FIELDS)
        if not fields:
            continue
        fed = computed_actuals(ref.get("indicator"))
        if fed and any(f["field"] == "actual" for f in fields):
            # Its actual is counted from other records (events); a typed one would be overwritten.
            ctx.problem(
                "indicators", row, "actual", f"{fed}되는 실적이라 고칠 수 없습니다. 이 칸은 그대로 두세요."
            )
            continue
        if _blank(row.values):
            ctx.add(
                Change(
                    "indicators", "remove", "value", group.task_id, s.code, row.number, label,
                    ref | {"year": year}, _shown(spec, current, VALUE_FIELDS, after=False), {},
                )
            )  # fmt: skip
            continue
        ctx.add(
            Change(
                "indicators", "change", "value", group.task_id, s.code, row.number, label,
                ref | {"year": year}, fields, _dump(spec, row.values, VALUE_FIELDS),
            )
        )  # fmt: skip
    for year, existing in current_values.items():
        if year not in group.years:
            current = {n: getattr(existing, n) for n in VALUE_FIELDS}
            ctx.add(
                Change(
                    "indicators", "remove", "value", group.task_id, s.code, None,
                    f"{s.code} · 「{name}」 {year}년",
                    ref | {"year": year}, _shown(spec, current, VALUE_FIELDS, after=False), {},
                )
            )  # fmt: skip


def _budget(ctx: _Context) -> None:
    spec = ctx.specs["budget"]
    buckets = [c.field for c in spec.inputs]
    current: dict[tuple[int, int, str], dict[str, Any]] = {}
    for pk, s in ctx.states.items():
        for e in s.budget:
            current.setdefault((pk, e.source_id, e.kind), {})[layout.bucket_field(e.bucket, e.year)] = (
                e.amount
            )
    seen: dict[tuple[int, int, str], Row] = {}
    for row in ctx.parsed.rows["budget"]:
        task_pk = ctx.task_of("budget", row)
        if task_pk is None:
            continue
        source = ctx.sources.get(row.values["source"])
        if source is None:
            names = ", ".join(ctx.sources)
            ctx.problem(
                "budget",
                row,
                "source",
                f"이 계획에 없는 재원입니다: '{row.values['source']}'. 다음 중 하나: {names}",
            )
            continue
        key = (task_pk, source, row.values["kind"])
        if key in seen:
            ctx.problem("budget", row, "kind", f"같은 재원·구분의 행이 이미 있습니다 ({seen[key].number}행).")
            continue
        seen[key] = row
    kinds = layout.KIND_LABELS
    for key, row in seen.items():
        pk, source, kind = key
        s = ctx.states[pk]
        label = f"{s.code} · {ctx.source_names[source]} {kinds[kind]}"
        ref = {"source": source, "kind": kind}
        before = current.get(key, {})
        fields = _diff(spec, row, before, buckets)
        if not fields:
            continue
        op = "change" if before else "add"
        data = _dump(spec, row.values, [f["field"] for f in fields])
        ctx.add(Change("budget", op, "budget", pk, s.code, row.number, label, ref, fields, data))
    for key, before in current.items():
        if key not in seen:
            pk, source, kind = key
            s = ctx.states[pk]
            label = f"{s.code} · {ctx.source_names.get(source, source)} {kinds[kind]}"
            fields = _shown(spec, before, buckets, after=False)
            ctx.add(
                Change(
                    "budget",
                    "remove",
                    "budget",
                    pk,
                    s.code,
                    None,
                    label,
                    {"source": source, "kind": kind},
                    fields,
                    {},
                )
            )


def _activities(ctx: _Context) -> None:
    spec = ctx.specs["activities"]
    owned = {a.id: (pk, a) for pk, s in ctx.states.items() for a in s.activities}
    seen: dict[int, Row] = {}
    for row in ctx.parsed.rows["activities"]:
        pk = ctx.task_of("activities", row)
        if pk is None:
            continue
        s = ctx.states[pk]
        activity_id = row.values.get("activity")
        label = f"{s.code} · {spec.column('when').kind.show(row.values['when'])} {row.values['text'][:40]}"
        if activity_id is None:
            values = row.values
            ctx.add(
                Change(
                    "activities", "add", "activity", pk, s.code, row.number, label, {},
                    _shown(spec, values, ACTIVITY_FIELDS, after=True), _dump(spec, values, ACTIVITY_FIELDS),
                )
            )  # fmt: skip
            continue
        found = owned.get(activity_id)
        if found is None or found[0] != pk:
            ctx.problem("activities", row, "activity", f"관리번호 '{s.code}'의 추진실적이 아닙니다.")
            continue
        if activity_id in seen:
            ctx.problem(
                "activities",
                row,
                "activity",
                f"같은 실적 ID의 행이 이미 있습니다 ({seen[activity_id].number}행).",
            )
            continue
        seen[activity_id] = row
        a = found[1]
        current = {
            "when": (a.start, a.start_precision, a.end, a.end_precision, a.open_ended),
            "text": a.text,
            "details": a.details,
            "participants": a.participants,
        }
        fields = _diff(spec, row, current, ACTIVITY_FIELDS)
        if fields:
            data = _dump(spec, row.values, [f["field"] for f in fields])
            ctx.add(
                Change(
                    "activities",
                    "change",
                    "activity",
                    pk,
                    s.code,
                    row.number,
                    label,
                    {"activity": a.id},
                    fields,
                    data,
                )
            )
    for activity_id, (pk, a) in owned.items():
        if activity_id not in seen:
            s = ctx.states[pk]
            current = {
                "when": (a.start, a.start_precision, a.end, a.end_precision, a.open_ended),
                "text": a.text,
                "details": a.details,
                "participants": a.participants,
            }
            label = f"{s.code} · {spec.column('when').kind.show(current['when'])} {a.text[:40]}"
            ctx.add(
                Change(
                    "activities", "remove", "activity", pk, s.code, None, label, {"activity": a.id},
                    _shown(spec, current, ACTIVITY_FIELDS, after=False), {},
                )
            )  # fmt: skip
