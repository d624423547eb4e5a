"""Generated data at national scale for the load benchmark (`sangsaeng bench seed --scale national`).

national: the 243 governments (17 광역 + 226 기초, real names), 5,000 departments (실·국 → 과 → 팀),
400 plans of 50 tasks (20,000 cards, sub-tasks two levels deep), ~100,000 indicator-year values,
~100,000 budget cells, ~200,000 activities, funding sources and a coordinator per plan, and every
card's first audit revision. `small` is the same shape in a few plans (tests); `demo-plus` loads the
demo first and adds national data beside it, so the demo logins and sample cards sit among 20,000 others.

Rows are written with bulk_create, plan by plan in chunks, in one transaction. Nothing derived is
typed: a parent's 진도율 is the roll-up of its children through lib.figures.rollup_progress (deepest
first), and each card's first audit row carries `CardState.to_json()` built by `load_states()` on the
saved rows, exactly what `plans.services.record_initial_state` writes one card at a time.
"""

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.audit.diff import diff
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_event
from sangsaeng.bench import names
from sangsaeng.budgets.models import (
    Bucket,
    BudgetEntry,
    BudgetItem,
    BudgetKind,
    CostLine,
    FundingSource,
    ScheduleLine,
    Settlement,
)
from sangsaeng.lib import bullets, figures
from sangsaeng.orgs.models import Agreement, Department, Organization
from sangsaeng.plans.card_state import load_states
from sangsaeng.plans.models import (
    Activity,
    Area,
    Contact,
    DatePrecision,
    Indicator,
    IndicatorValue,
    Legislation,
    Plan,
    Status,
    Task,
    TaskText,
    TextKind,
)
from sangsaeng.plans.services import sort_key

# Every generated coordinator has this password (one Argon2 hash, computed once): it is test data.
BENCH_PASSWORD = "sangsaeng-bench-2026"  # noqa: S105  # nosec B105
SEED_ACTION = "bench_seed"
AUDIT_SUMMARY = "성능 시험 자료 등록"
BATCH = 1000
STATE_BATCH = 400

M = TypeVar("M", bound=models.Model)


class SeedError(Exception):
    """The seed cannot run; the message is Korean and shown as is."""


@dataclass(frozen=True)
class Scale:
    name: str
    metros: int  # how many of the 17 광역 (in names.METROS order)
    locals_per_metro: int | None  # None: all of them
    departments: int
    plans: int
    tasks_per_plan: int
    activities_mean: int
    with_demo: bool = False


NATIONAL = Scale("national", 17, None, 5000, 400, 50, 10)
SCALES: dict[str, Scale] = {
    "national": NATIONAL,
    "demo-plus": Scale("demo-plus", 17, None, 5000, 400, 50, 10, with_demo=True),
    "small": Scale("small", 3, 2, 60, 3, 20, 4),
}


@dataclass(frozen=True)
class SeedSummary:
    scale: str
    counts: dict[str, int]
    seconds: float
    coordinator: str  # username of the coordinator of the plan with the heaviest card

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"기관 {c['organizations']:,}곳, 부서 {c['departments']:,}개, 사용자 {c['users']:,}명, "
            f"협약 {c['agreements']:,}건",
            f"계획 {c['plans']:,}건, 과제 {c['tasks']:,}건(세부과제 포함), 확인지표 {c['indicators']:,}개 "
            f"(연도값 {c['indicator_values']:,}건)",
            f"예산 항목 {c['budget_entries']:,}건, 추진실적 {c['activities']:,}건, "
            f"감사 기록 {c['audit_logs']:,}건",
            f"소요 시간 {self.seconds:.1f}초. 로그인: {self.coordinator} / {BENCH_PASSWORD} "
            "(모든 생성 계정의 비밀번호가 같습니다)",
        ]


def database_counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "departments": Department.objects.count(),
        "users": User.objects.count(),
        "agreements": Agreement.objects.count(),
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "indicators": Indicator.objects.count(),
        "indicator_values": IndicatorValue.objects.count(),
        "budget_entries": BudgetEntry.objects.count(),
        "activities": Activity.objects.count(),
        "audit_logs": AuditLog.objects.count(),
    }


def josa(word: str, with_final: str, without_final: str) -> str:
    """The particle after a word: 과/와, 을/를, 이/가 by whether its last syllable has a final consonant."""
    last = word.rstrip()[-1:] or "가"
    if not "가" <= last <= "힣":
        return without_final
    return with_final if (ord(last) - 0xAC00) % 28 else without_final


def chunks[T](items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# ================================================================ in-memory drafts


@dataclass
class Gov:
    org: Organization
    short: str
    area_code: str
    metro: str  # short name of its 광역 (itself for a 광역)
    is_metro: bool
    office: Department | None = None  # the coordinator's office
    divisions: list[Department] = field(default_factory=list)


@dataclass
class PlanDraft:
    plan: Plan
    govs: list[Gov]
    coordinator: User
    areas: list[Area] = field(default_factory=list)
    sources: list[FundingSource] = field(default_factory=list)
    agreement: Agreement | None = None
    flagship: bool = False


@dataclass
class TaskDraft:
    task: Task
    depth: int
    topic: tuple[str, str, str, tuple[int, int]]
    heavy: bool = False
    children: list["TaskDraft"] = field(default_factory=list)


class Seeder:
    def __init__(self, scale: Scale, *, seed: int, progress: Callable[[str], None]) -> None:
        self.scale = scale
        # Generated test data, not secrets.
        self.rng = random.Random(seed)  # noqa: S311  # nosec B311
        self.progress = progress
        self.started = time.perf_counter()
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.govs: list[Gov] = []
        self.metros: dict[str, Gov] = {}
        self.locals_of: dict[str, list[Gov]] = {}
        self.plans: list[PlanDraft] = []
        self.task_total = 0
        self.audit_total = 0

    # ---------------------------------------------------------------- helpers

    def say(self, message: str) -> None:
        self.progress(f"[{time.perf_counter() - self.started:6.1f}s] {message}")

    def person(self) -> str:
        rng = self.rng
        return rng.choice(names.FAMILY) + rng.choice(names.GIVEN) + rng.choice(names.GIVEN)

    def phone(self, gov: Gov) -> str:
        return f"{gov.area_code}-{self.rng.randint(200, 999)}-{self.rng.randint(1000, 9999)}"

    def save(self, model: type[M], rows: list[M]) -> list[M]:
        if not rows:
            return rows
        return model._default_manager.bulk_create(rows, batch_size=BATCH)

    # ---------------------------------------------------------------- governments and departments

    def governments(self) -> None:
        existing = {o.name: o for o in Organization.objects.all()}
        metros = names.METROS[: self.scale.metros]
        picked: dict[str, tuple[str, ...]] = {}
        for _, short, _ in metros:
            locals_ = names.LOCALS[short]
            limit = self.scale.locals_per_metro
            picked[short] = locals_ if limit is None else locals_[:limit]
        # A local's bare name ("포항시") is unique nationally except where two share it (고성군);
        # a 구 is always named with its city ("부산광역시 중구"), as the demo names 서울특별시 중구.
        bare = Counter(n for locals_ in picked.values() for n in locals_ if not n.endswith("구"))
        metro_shorts = {short for _, short, _ in metros}
        new: list[Organization] = []
        for full, short, code in metros:
            org = existing.get(full) or Organization(name=full, short_name=short, kind="metro")
            if org.pk is None:
                new.append(org)
            gov = Gov(org=org, short=short, area_code=code, metro=short, is_metro=True)
            self.govs.append(gov)
            self.metros[short] = gov
        self.save(Organization, new)
        new = []
        for full, metro_short, code in metros:
            metro = self.metros[metro_short]
            self.locals_of[metro_short] = []
            for name in picked[metro_short]:
                qualified = name.endswith("구") or bare[name] > 1
                full_name = f"{full} {name}" if qualified else name
                stem = name[:-1] if len(name) > 2 else name
                short = f"{metro_short} {stem if not name.endswith('구') else name}" if qualified else stem
                if short in metro_shorts:
                    short = f"{metro_short} {stem}"
                org = existing.get(full_name) or Organization(
                    name=full_name, short_name=short, kind="local", parent=metro.org
                )
                if org.pk is None:
                    new.append(org)
                gov = Gov(org=org, short=org.short_name, area_code=code, metro=metro_short, is_metro=False)
                self.govs.append(gov)
                self.locals_of[metro_short].append(gov)
        self.save(Organization, new)
        n_local = sum(len(v) for v in self.locals_of.values())
        self.say(f"기관 {len(self.govs):,}곳 (광역 {len(self.metros)}, 기초 {n_local})")

    def departments(self) -> None:
        """Each government's tree: a coordinator's office, then 실·국 → 과 → 팀, to a quota summing to
        the scale's total (광역 about three times a 기초)."""
        rng = self.rng
        weights = [5.0 if g.is_metro else 1.6 for g in self.govs]
        total = self.scale.departments
        quotas = [int(total * w / sum(weights)) for w in weights]
        for i in range(total - sum(quotas)):
            quotas[i % len(quotas)] += 1
        taken: dict[int, set[str]] = {}
        for org_id, name in Department.objects.filter(parent__isnull=True).values_list(
            "organization_id", "name"
        ):
            taken.setdefault(org_id, set()).add(name)
        existing_office = {
            (d.organization_id, d.name): d
            for d in Department.objects.filter(parent__isnull=True, name__in=names.COORDINATOR_OFFICES)
        }
        top: list[Department] = []
        middle: list[Department] = []
        bottom: list[Department] = []
        for gov, quota in zip(self.govs, quotas, strict=True):
            used = set(taken.get(gov.org.pk, set()))
            office_name = next((n for n in names.COORDINATOR_OFFICES if n not in used), None)
            if office_name is None:
                gov.office = existing_office[(gov.org.pk, names.COORDINATOR_OFFICES[0])]
            else:
                gov.office = Department(
                    organization=gov.org, name=office_name, level=Department.Level.DIVISION
                )
                top.append(gov.office)
                used.add(office_name)
                quota -= 1
            gov.divisions.append(gov.office)
            n_bureaus = max(1, round(quota / 9))
            n_divisions = min(max(n_bureaus, round((quota - n_bureaus) * 0.45)), len(names.DIVISIONS))
            n_teams = max(0, quota - n_bureaus - n_divisions)
            pool = [b for b in names.BUREAUS if b not in used]
            rng.shuffle(pool)
            bureaus = [
                Department(
                    organization=gov.org,
                    name=pool[i] if i < len(pool) else f"제{i + 1}행정국",
                    level=Department.Level.BUREAU,
                )
                for i in range(n_bureaus)
            ]
            top.extend(bureaus)
            division_names = rng.sample(names.DIVISIONS, n_divisions)
            divisions = [
                Department(
                    organization=gov.org,
                    parent=bureaus[i % n_bureaus],
                    name=name,
                    level=Department.Level.DIVISION,
                )
                for i, name in enumerate(division_names)
            ]
            middle.extend(divisions)
            gov.divisions.extend(divisions)
            team_names = {id(d): rng.sample(names.TEAMS, len(names.TEAMS)) for d in divisions}
            for i in range(n_teams):
                division = divisions[i % len(divisions)]
                bottom.append(
                    Department(
                        organization=gov.org,
                        parent=division,
                        name=team_names[id(division)].pop(),
                        level=Department.Level.TEAM,
                    )
                )
        for level in (top, middle, bottom):
            self.save(Department, level)
        self.say(f"부서 {len(top) + len(middle) + len(bottom):,}개 (실·국 → 과 → 팀)")

    # ---------------------------------------------------------------- plans, coordinators, agreements

    def plan_orgs(self) -> list[Gov]:
        rng = self.rng
        metros = list(self.metros.values())
        metro = rng.choice(metros)
        r = rng.random()
        locals_ = self.locals_of[metro.short]
        if r < 0.4 and locals_:
            return [metro, *rng.sample(locals_, min(len(locals_), rng.randint(1, 3)))]
        if r < 0.78 or len(self.govs) == len(metros):
            near = [self.metros[s] for s in names.NEIGHBOURS[metro.short] if s in self.metros]
            other = rng.choice(near or [m for m in metros if m is not metro] or [metro])
            pair = [metro, other] if other is not metro else [metro]
            if rng.random() < 0.15:
                extra = [m for m in metros if m not in pair]
                pair += rng.sample(extra, min(1, len(extra)))
            return pair
        all_locals = [g for g in self.govs if not g.is_metro]
        return rng.sample(all_locals, min(len(all_locals), rng.randint(2, 3)))

    def make_plans(self) -> None:
        rng = self.rng
        password = make_password(BENCH_PASSWORD)
        taken = set(User.objects.filter(username__startswith="coord").values_list("username", flat=True))
        number = 0
        titles: Counter[str] = Counter(Plan.objects.values_list("title", flat=True))
        for index in range(self.scale.plans):
            govs = self.plan_orgs()
            lead = govs[0]
            start = rng.choice((2018, 2022, 2022))
            end = start + 4
            kind = rng.choice(("추진계획", "시행계획", "중장기 추진계획", "실행계획"))
            base = f"{'·'.join(g.short for g in govs)} 상생협력 {kind}({start}–{end})"
            titles[base] += 1
            title = base if titles[base] == 1 else f"{base} 제{titles[base]}차"
            number += 1
            while f"coord{number:04d}" in taken:
                number += 1
            user = User(
                username=f"coord{number:04d}",
                name=self.person(),
                organization=lead.org,
                department=lead.office,
                phone=self.phone(lead),
                password=password,
            )
            plan = Plan(
                title=title,
                description=(
                    f"{', '.join(g.org.name for g in govs)}의 상생협력 과제 {self.scale.tasks_per_plan}건. "
                    "※ 성능 시험용 생성 자료입니다. 과제의 내용과 수치는 실제가 아닙니다."
                ),
                term_start_year=start,
                term_end_year=end,
                last_year_label="2022.6월" if end == 2022 else "",
                is_published=rng.random() < 0.3,
            )
            self.plans.append(PlanDraft(plan=plan, govs=govs, coordinator=user, flagship=index == 0))
        self.save(User, [p.coordinator for p in self.plans])
        self.save(Plan, [p.plan for p in self.plans])
        agreements: list[Agreement] = []
        for p in self.plans:
            if rng.random() < 0.5:
                kind = rng.choice(list(Agreement.Kind))
                p.agreement = Agreement(
                    title=f"{'·'.join(g.short for g in p.govs)} {kind.label}",
                    kind=kind,
                    signed_on=dt.date(p.plan.term_start_year, rng.randint(1, 12), rng.randint(1, 28)),
                    scope=f"{', '.join(rng.sample(names.AREAS, 3))} 등 상생협력",
                )
                agreements.append(p.agreement)
        self.save(Agreement, agreements)
        parties = Agreement.parties.through
        plan_orgs = Plan.organizations.through
        plan_coords = Plan.coordinators.through
        self.save(
            parties,
            [
                parties(agreement=p.agreement, organization=g.org)
                for p in self.plans
                if p.agreement
                for g in p.govs
            ],
        )
        self.save(plan_orgs, [plan_orgs(plan=p.plan, organization=g.org) for p in self.plans for g in p.govs])
        self.save(plan_coords, [plan_coords(plan=p.plan, user=p.coordinator) for p in self.plans])
        areas: list[Area] = []
        sources: list[FundingSource] = []
        for p in self.plans:
            chosen = rng.sample(names.AREAS, rng.randint(3, 6))
            p.areas = [Area(plan=p.plan, number=i, name=n) for i, n in enumerate(chosen, start=1)]
            areas.extend(p.areas)
            city = p.govs[0].is_metro and not p.govs[0].org.name.endswith("도")
            labels = ["국비", "시비" if city else "도비", "구·군비" if city else "시군비"]
            if rng.random() < 0.7:
                labels.append("민자등")
            p.sources = [
                FundingSource(plan=p.plan, name=n, is_national=(i == 0), order=i)
                for i, n in enumerate(labels)
            ]
            sources.extend(p.sources)
        self.save(Area, areas)
        self.save(FundingSource, sources)
        self.say(f"계획 {len(self.plans):,}건, 총괄 담당자 {len(self.plans):,}명, 협약 {len(agreements):,}건")

    # ---------------------------------------------------------------- text

    def fill(self, template: str, p: PlanDraft, topic: str, **extra: Any) -> str:
        rng = self.rng
        partner = rng.choice(p.govs)
        orgs = "·".join(g.short for g in p.govs[:3])
        values = {
            "topic": topic,
            "topic_object": topic + josa(topic, "을", "를"),
            "orgs": orgs,
            "orgs_subject": orgs + josa(orgs, "이", "가"),
            "partner": partner.org.name,
            "partner_with": partner.org.name + josa(partner.org.name, "과", "와"),
            "ministry": rng.choice(names.MINISTRIES),
            "action": rng.choice(names.ACTIONS),
            "n": rng.choice((12, 25, 30, 40, 48, 60, 85, 120, 150, 200, 350)),
            "money": rng.choice((50, 120, 300, 450, 800, 1200, 2500)),
            "year": rng.randint(p.plan.term_start_year, p.plan.term_end_year),
            "month": rng.randint(1, 12),
            "month2": rng.randint(1, 12),
            "day": rng.randint(1, 28),
            "hour": rng.choice((10, 14, 15, 16)),
            "place": partner.org.name + rng.choice(names.PLACES),
        }
        return template.format(**(values | extra))

    def tree(
        self, p: PlanDraft, topic: str, patterns: Sequence[tuple[str, tuple[str, ...]]], n: int
    ) -> list[dict[str, Any]]:
        lines = []
        for head, subs in self.rng.sample(list(patterns), min(n, len(patterns))):
            lines.append("○ " + self.fill(head, p, topic))
            lines.extend("  • " + self.fill(s, p, topic) for s in subs)
        return bullets.parse("\n".join(lines))

    # ---------------------------------------------------------------- tasks

    def leaf_progress(self, status: str) -> Decimal:
        rng = self.rng
        low, high = {
            Status.COMPLETED: (100, 100),
            Status.CONTINUING: (100, 100),
            Status.ON_TRACK: (20, 95),
            Status.PARTIAL: (10, 60),
            Status.ON_HOLD: (0, 30),
            Status.DROPPED: (0, 0),
        }[Status(status)]
        return Decimal(rng.randint(low, high))

    def new_task(self, p: PlanDraft, code: str, area: Area | None, parent: TaskDraft | None) -> TaskDraft:
        rng = self.rng
        topic = rng.choice(names.TOPICS) if parent is None else parent.topic
        status = rng.choices([s.value for s in Status], weights=(15, 15, 45, 15, 7, 3), k=1)[0]
        action = rng.choice(names.ACTIONS)
        if parent is None:
            title = f"{topic[0]} {action}"
            if rng.random() < 0.3:
                title = f"{'·'.join(g.short for g in p.govs[:2])} {title}"
        else:
            title = f"{topic[0]} {rng.choice(('세부 ', '단계별 ', '시범 ', ''))}{action}"
        lead_gov = p.govs[0] if rng.random() < 0.6 else rng.choice(p.govs)
        budget = rng.random() < 0.6
        task = Task(
            plan=p.plan,
            area=area if parent is None else parent.task.area,
            parent=parent.task if parent else None,
            code=code,
            sort_key=sort_key(code),
            title=title[:200],
            slogan=f"함께 여는 {topic[0]}, 더 가까운 이웃" if rng.random() < 0.1 else "",
            status=status,
            progress=self.leaf_progress(status),
            rollup=Task.Rollup.WEIGHTED if rng.random() < 0.15 else Task.Rollup.AVERAGE,
            weight=Decimal(rng.choice((1, 1, 1, 2, 3))),
            implementer=rng.choice(("자체", "자체", "민간", "공동", "출연기관")),
            term_class=Task.TermClass.AFTER_TERM if rng.random() < 0.1 else Task.TermClass.IN_TERM,
            novelty=rng.choice(list(Task.Novelty)),
            budget_class=Task.BudgetClass.BUDGET if budget else Task.BudgetClass.NON_BUDGET,
            lead_department=rng.choice(lead_gov.divisions),
            central_coop=rng.choice(names.MINISTRIES) if rng.random() < 0.3 else "-",
            agreement=p.agreement if p.agreement and rng.random() < 0.7 else None,
            goal=self.fill(rng.choice(names.GOALS), p, topic[0]) if parent is None else "",
            term_indicator=f"{topic[1]} 임기 내 목표 달성" if parent is None else "",
            period_kind=Task.PeriodKind.FIXED if budget else "",
            period_text=f"{p.plan.term_start_year}~{p.plan.term_end_year}" if budget else "",
            location=f"{lead_gov.org.name} 일원" if budget else "",
            execution_type=Task.ExecutionType.DIRECT if budget else "",
            expense_type=Task.ExpenseType.CURRENT if budget else "",
            prior_procedures=[],
            revision=1,
        )
        draft = TaskDraft(task=task, depth=parent.depth + 1 if parent else 0, topic=topic)
        if parent:
            parent.children.append(draft)
        return draft

    def plan_tasks(self, p: PlanDraft) -> list[TaskDraft]:
        """The plan's task tree: top tasks spread over its areas, a fifth of the total as sub-tasks."""
        rng = self.rng
        total = self.scale.tasks_per_plan
        n_sub = total // 5
        n_top = total - n_sub
        tops: list[TaskDraft] = []
        per_area: Counter[int] = Counter()
        for i in range(n_top):
            area = p.areas[i * len(p.areas) // n_top]
            per_area[area.number] += 1
            tops.append(self.new_task(p, f"{area.number}-{per_area[area.number]}", area, None))
        if p.flagship:
            tops[0].heavy = True
        parents = [tops[0], *rng.sample(tops[1:], len(tops) - 1)]
        # Two sub-sub-tasks under the first sub-task, so roll-ups run two levels deep.
        grand = 2 if n_sub >= 4 else 0
        remaining = n_sub - grand
        for parent in parents:
            k = min(remaining, 5 if parent.heavy else rng.randint(2, 4))
            if k <= 0:
                break
            kids = [self.new_task(p, f"{parent.task.code}-{j}", None, parent) for j in range(1, k + 1)]
            remaining -= k
            if grand:
                for j in range(1, grand + 1):
                    self.new_task(p, f"{kids[0].task.code}-{j}", None, kids[0])
                grand = 0
        for top in tops:
            self.roll_up(top)
        return tops

    def roll_up(self, draft: TaskDraft) -> None:
        """A parent's 진도율 is computed from its children (deepest first), never typed."""
        if not draft.children:
            return
        for child in draft.children:
            self.roll_up(child)
        pairs = [(c.task.progress, c.task.weight) for c in draft.children]
        value = figures.rollup_progress(pairs, draft.task.rollup)
        if value is not None:  # None only without children, excluded above
            draft.task.progress = value

    def cards(self, drafts: list[PlanDraft]) -> list[int]:
        """Write the tasks of some plans with everything their cards show; returns the task ids."""
        levels: dict[int, list[TaskDraft]] = {}
        owners: list[tuple[PlanDraft, TaskDraft]] = []

        def walk(p: PlanDraft, d: TaskDraft) -> None:
            levels.setdefault(d.depth, []).append(d)
            owners.append((p, d))
            for c in d.children:
                walk(p, c)

        for p in drafts:
            for top in self.plan_tasks(p):
                walk(p, top)
        for depth in sorted(levels):
            self.save(Task, [d.task for d in levels[depth]])
        rows = _Rows()
        for p, d in owners:
            self.card_rows(p, d, rows)
        rows.write(self)
        return [d.task.pk for _, d in owners]

    def card_rows(self, p: PlanDraft, d: TaskDraft, rows: "_Rows") -> None:
        rng = self.rng
        task = d.task
        heavy = d.heavy
        topic, ind_name, unit, (low, high) = d.topic
        lead_org = task.lead_department.organization_id if task.lead_department else None
        others = [g for g in p.govs if g.org.pk != lead_org]
        if others:
            for g in rng.sample(others, min(len(others), rng.randint(1, 3))):
                rows.partners.append(Task.partners.through(task=task, organization=g.org))
        gov = next((g for g in p.govs if g.org.pk == lead_org), p.govs[0])
        contacts = [("담당자", self.person(), self.phone(gov))]
        if heavy or rng.random() < 0.4:
            contacts.insert(0, ("팀장", self.person(), self.phone(gov)))
        if heavy:
            contacts.append(("주무관", self.person(), self.phone(gov)))
        rows.contacts.extend(
            Contact(task=task, role=r, name=n, phone=ph, order=i) for i, (r, n, ph) in enumerate(contacts)
        )
        # Texts: the outline always on a top task; problems and next steps often; all kinds on the heavy card.
        kinds: list[tuple[str, Sequence[tuple[str, tuple[str, ...]]], int]] = []
        if d.depth == 0 or rng.random() < 0.5:
            kinds.append((TextKind.OUTLINE, names.OUTLINE, 2 if not heavy else 4))
        if heavy or rng.random() < 0.4:
            kinds.append((TextKind.PROBLEMS, names.PROBLEMS, 2))
        if heavy or rng.random() < 0.6:
            kinds.append((TextKind.NEXT_STEPS, names.NEXT_STEPS, 2))
        if heavy:
            for extra in (TextKind.PURPOSE, TextKind.BASIS, TextKind.CONTENT, TextKind.FOCUS):
                kinds.append((extra, names.OUTLINE, 2))
            kinds.append((TextKind.EFFECT, names.EFFECTS, 2))
        for kind, patterns, n in kinds:
            rows.texts.append(TaskText(task=task, kind=kind, items=self.tree(p, topic, patterns, n)))
        # Indicators: mean one a card, five term years each.
        years = p.plan.term_years
        count = 12 if heavy else rng.choice((0, 1, 1, 1, 2))
        for order in range(count):
            milestone = (order % 4 == 3) if heavy else rng.random() < 0.2
            name = f"{topic} 단계별 추진" if milestone else ind_name
            if order:
                name = f"{name} ({order + 1})"
            indicator = Indicator(
                task=task,
                name=name,
                kind=Indicator.Kind.MILESTONE if milestone else Indicator.Kind.NUMERIC,
                unit="" if milestone else unit,
                aggregation=rng.choice(
                    (Indicator.Aggregation.SUM,) * 8 + (Indicator.Aggregation.LAST, Indicator.Aggregation.MAX)
                ),
                order=order,
            )
            values = self.indicator_values(indicator, years, low, high, milestone, topic)
            if not milestone:
                total = sum((v.target or Decimal(0)) for v in values)
                indicator.term_plan_text = f"{name} {total:,}{unit}"
            rows.indicators.append((indicator, values))
        self.budget_rows(p, task, heavy, rows)
        self.activity_rows(p, task, topic, heavy, rows)
        if heavy or (task.budget_class == Task.BudgetClass.BUDGET and rng.random() < 0.04):
            self.finance_rows(p, task, topic, heavy, rows)
        if heavy or rng.random() < 0.02:
            self.legislation_rows(p, task, topic, 2 if heavy else 1, rows)

    def indicator_values(
        self, indicator: Indicator, years: list[int], low: int, high: int, milestone: bool, topic: str
    ) -> list[IndicatorValue]:
        rng = self.rng
        now = self.today.year
        out = []
        stages = ("기본계획 수립", "실시설계", "착공", "공정률 50%", "준공·운영")
        for i, year in enumerate(years):
            past = year < now or (year == now and rng.random() < 0.5)
            if milestone:
                achieved = past and rng.random() < 0.75
                achieved_on = dt.date(year, rng.randint(1, 12), rng.randint(1, 28)) if achieved else None
                out.append(
                    IndicatorValue(
                        indicator=indicator,
                        year=year,
                        plan_text=f"{topic} {stages[i % len(stages)]}",
                        actual_text=f"{stages[i % len(stages)]} 완료('{year % 100:02d}. {achieved_on.month})"
                        if achieved_on
                        else "",
                        achieved=achieved,
                        achieved_on=achieved_on,
                    )
                )
                continue
            target = Decimal(rng.randint(low, high))
            actual = None
            if past:
                actual = (target * Decimal(rng.randint(30, 190)) / 100).quantize(Decimal(1))
            out.append(IndicatorValue(indicator=indicator, year=year, target=target, actual=actual))
        return out

    def budget_rows(self, p: PlanDraft, task: Task, heavy: bool, rows: "_Rows") -> None:
        """예산투입 cells in 천원: planned over the term, secured and executed for past years."""
        if task.budget_class != Task.BudgetClass.BUDGET:
            return
        rng = self.rng
        now = self.today.year
        sources = p.sources if heavy else rng.sample(p.sources, 1 if rng.random() < 0.8 else 2)
        for source in sources:
            base = rng.choice((5_000, 10_000, 30_000, 50_000, 100_000, 300_000, 500_000, 1_200_000))
            for bucket in (Bucket.BEFORE, Bucket.AFTER):
                if heavy or rng.random() < 0.15:
                    rows.budget.append(
                        BudgetEntry(
                            task=task,
                            source=source,
                            kind=BudgetKind.PLANNED,
                            bucket=bucket,
                            year=0,
                            amount=base * rng.randint(1, 4),
                        )
                    )
            for year in p.plan.term_years:
                if not heavy and rng.random() >= 0.6:
                    continue
                planned = base * rng.randint(5, 15) // 10
                rows.budget.append(
                    BudgetEntry(task=task, source=source, kind=BudgetKind.PLANNED, year=year, amount=planned)
                )
                if year > now or (not heavy and rng.random() >= 0.85):
                    continue
                secured = planned * rng.randint(60, 100) // 100
                rows.budget.append(
                    BudgetEntry(task=task, source=source, kind=BudgetKind.SECURED, year=year, amount=secured)
                )
                if year < now and (heavy or rng.random() < 0.75):
                    executed = secured * rng.randint(70, 100) // 100
                    rows.budget.append(
                        BudgetEntry(
                            task=task, source=source, kind=BudgetKind.EXECUTED, year=year, amount=executed
                        )
                    )

    def activity_rows(self, p: PlanDraft, task: Task, topic: str, heavy: bool, rows: "_Rows") -> None:
        """세부추진실적: dated entries of realistic length, some with bullet details, some ranges."""
        rng = self.rng
        mean = self.scale.activities_mean
        count = 80 if heavy else rng.randint(1, 2 * mean - 1)
        first = dt.date(p.plan.term_start_year, 1, 1)
        last = min(self.today, dt.date(p.plan.term_end_year, 12, 31))
        span = (last - first).days
        for _ in range(count):
            start = first + dt.timedelta(days=rng.randint(0, span))
            r = rng.random()
            precision = (
                DatePrecision.DAY if r < 0.7 else DatePrecision.MONTH if r < 0.95 else DatePrecision.YEAR
            )
            if precision == DatePrecision.MONTH:
                start = start.replace(day=1)
            elif precision == DatePrecision.YEAR:
                start = start.replace(month=1, day=1)
            end = None
            open_ended = False
            if precision == DatePrecision.DAY and rng.random() < 0.1:
                end = start + dt.timedelta(days=rng.randint(1, 40))
            elif rng.random() < 0.03:
                open_ended = True
            when = {"year": start.year, "month": start.month, "day": start.day}
            text = self.fill(rng.choice(names.EVENTS), p, topic, **when)
            if rng.random() < 0.15:
                text += " / " + self.fill(rng.choice(names.EVENTS), p, topic, **when)
            details: list[dict[str, Any]] = []
            if heavy or rng.random() < 0.3:
                lines = rng.sample(names.DETAILS, rng.randint(2, 3))
                details = bullets.parse("\n".join("• " + self.fill(line, p, topic, **when) for line in lines))
            rows.activities.append(
                Activity(
                    task=task,
                    start=start,
                    start_precision=precision,
                    end=end,
                    end_precision=DatePrecision.DAY,
                    open_ended=open_ended,
                    text=text[:500],
                    details=details,
                    participants=rng.randint(10, 300) if rng.random() < 0.4 else None,
                )
            )

    def finance_rows(self, p: PlanDraft, task: Task, topic: str, heavy: bool, rows: "_Rows") -> None:
        """예산과목 with 산출근거 lines, 결산 and 추진일정 for a few budget cards."""
        rng = self.rng
        years = [y for y in p.plan.term_years if y <= self.today.year]
        for year in years[-(3 if heavy else 1) :]:
            item = BudgetItem(task=task, year=year, code="201-01", name="사무관리비")
            head = CostLine(item=item, label=f"{topic} 협의회 운영", order=0)
            leaves = [
                CostLine(
                    item=item, parent=head, label="회의 자료 인쇄", amount=rng.randint(5, 30) * 100, order=0
                ),
                CostLine(
                    item=item, parent=head, label="전문가 자문료", amount=rng.randint(10, 50) * 100, order=1
                ),
            ]
            flat = CostLine(
                item=item, label=f"{topic} 홍보물 제작", amount=rng.randint(20, 90) * 100, order=1
            )
            rows.items.append((item, [head, flat], leaves))
            original = rng.randint(50, 500) * 1000
            executed = original * rng.randint(60, 100) // 100
            rows.settlements.append(
                Settlement(task=task, year=year, original=original, executed=executed, carried_out=0)
            )
            for order, (label, period) in enumerate(
                (("계획 수립", "1~2월"), ("사업 추진", "3~10월"), ("성과 평가", "11~12월"))
            ):
                rows.schedule.append(
                    ScheduleLine(
                        task=task,
                        year=year,
                        label=label,
                        period=period,
                        amount=original // 3,
                        detail=f"{topic} {label}",
                        order=order,
                    )
                )

    def legislation_rows(self, p: PlanDraft, task: Task, topic: str, n: int, rows: "_Rows") -> None:
        rng = self.rng
        for i in range(n):
            gov = p.govs[i % len(p.govs)]
            proposed = dt.date(p.plan.term_start_year + 1, rng.randint(1, 9), rng.randint(1, 28))
            promulgated = proposed + dt.timedelta(days=40)
            rows.legislation.append(
                Legislation(
                    task=task,
                    name=f"{gov.org.name} {topic} 상생협력 지원 조례",
                    bill_kind=rng.choice(("제정조례안", "일부개정조례안")),
                    proposed_on=proposed,
                    committee_on=proposed + dt.timedelta(days=10),
                    plenary_on=proposed + dt.timedelta(days=25),
                    promulgated_on=promulgated if promulgated <= self.today else None,
                )
            )

    # ---------------------------------------------------------------- audit

    def first_revisions(self, task_ids: list[int]) -> None:
        """Each card's first audit row with its whole state, as record_initial_state writes it."""
        logs = []
        for batch in chunks(task_ids, STATE_BATCH):
            states = load_states(batch)
            for task_id in sorted(states):
                after = states[task_id].to_json()
                logs.append(
                    AuditLog(
                        at=self.now,
                        actor=None,
                        action="create",
                        summary=AUDIT_SUMMARY,
                        task_id=task_id,
                        plan_id=after["plan_id"],
                        revision=after["revision"],
                        changes=diff(None, after),
                        state=after,
                    )
                )
        self.save(AuditLog, logs)
        self.audit_total += len(logs)

    # ---------------------------------------------------------------- run

    def run(self) -> None:
        self.governments()
        self.departments()
        self.make_plans()
        per_chunk = max(1, 1000 // self.scale.tasks_per_plan)
        expected = self.scale.plans * self.scale.tasks_per_plan
        for drafts in chunks(self.plans, per_chunk):
            ids = self.cards(list(drafts))
            self.first_revisions(ids)
            self.task_total += len(ids)
            self.say(f"과제 {self.task_total:,}/{expected:,}건 (관리카드 내용과 첫 이력 포함)")


@dataclass
class _Rows:
    """Rows of a chunk of cards, written in dependency order."""

    partners: list[Any] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    texts: list[TaskText] = field(default_factory=list)
    indicators: list[tuple[Indicator, list[IndicatorValue]]] = field(default_factory=list)
    budget: list[BudgetEntry] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    items: list[tuple[BudgetItem, list[CostLine], list[CostLine]]] = field(default_factory=list)
    settlements: list[Settlement] = field(default_factory=list)
    schedule: list[ScheduleLine] = field(default_factory=list)
    legislation: list[Legislation] = field(default_factory=list)

    def write(self, seeder: Seeder) -> None:
        save = seeder.save
        save(Task.partners.through, self.partners)
        save(Contact, self.contacts)
        save(TaskText, self.texts)
        save(Indicator, [i for i, _ in self.indicators])
        save(IndicatorValue, [v for _, values in self.indicators for v in values])
        save(BudgetEntry, self.budget)
        save(Activity, self.activities)
        save(BudgetItem, [i for i, _, _ in self.items])
        save(CostLine, [ln for _, heads, _ in self.items for ln in heads])
        save(CostLine, [ln for _, _, leaves in self.items for ln in leaves])
        save(Settlement, self.settlements)
        save(ScheduleLine, self.schedule)
        save(Legislation, self.legislation)


def refusal(force: bool) -> str | None:
    plans = Plan.objects.count()
    if plans and not force:
        return (
            f"이미 계획 {plans:,}건이 있는 데이터베이스에는 성능 시험 자료를 넣지 않습니다. "
            "빈 데이터베이스를 쓰거나, 그래도 추가하려면 --force 를 붙이세요."
        )
    return None


def seed(
    scale: Scale | str = NATIONAL,
    *,
    force: bool = False,
    seed_value: int = 2026,
    progress: Callable[[str], None] = print,
) -> SeedSummary:
    """Generate the scale's data in one transaction, then refresh the planner's statistics."""
    if isinstance(scale, str):
        if scale not in SCALES:
            raise SeedError(f"알 수 없는 규모 {scale!r}: {', '.join(SCALES)} 중 하나를 고르세요.")
        scale = SCALES[scale]
    started = time.perf_counter()
    with transaction.atomic():
        message = refusal(force)
        if message:
            raise SeedError(message)
        if scale.with_demo:
            _load_demo(progress, force)
        seeder = Seeder(scale, seed=seed_value, progress=progress)
        seeder.run()
        seconds = time.perf_counter() - started
        log_event(
            actor=None,
            action=SEED_ACTION,
            summary=f"{AUDIT_SUMMARY}: {scale.name}, 과제 {seeder.task_total:,}건, {seconds:.0f}초",
            changes=[
                {"path": "scale", "label": "규모", "before": None, "after": scale.name},
                {"path": "tasks", "label": "과제 수", "before": None, "after": seeder.task_total},
                {"path": "seconds", "label": "소요 시간(초)", "before": None, "after": round(seconds, 1)},
            ],
        )
    seeder.say("통계 갱신 (ANALYZE)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    flagship = seeder.plans[0].coordinator.username if seeder.plans else ""
    return SeedSummary(
        scale=scale.name,
        counts=database_counts(),
        seconds=time.perf_counter() - started,
        coordinator=flagship,
    )


def _load_demo(progress: Callable[[str], None], force: bool) -> None:
    from sangsaeng.demo.loader import DemoError, database_is_empty, load_demo

    if not database_is_empty():
        if force:
            progress("시연 자료가 이미 있거나 불러올 수 없는 상태여서 건너뜁니다.")
            return
        raise SeedError("demo-plus 는 빈 데이터베이스에서 시연 자료부터 불러옵니다.")
    try:
        load_demo(progress=progress)
    except DemoError as exc:  # pragma: no cover - database_is_empty() was checked just before
        raise SeedError(str(exc)) from exc


def last_seed() -> dict[str, Any] | None:
    """What the last seed recorded (scale, tasks, seconds), from its audit row."""
    log = AuditLog.objects.filter(action=SEED_ACTION).order_by("-at", "-id").first()
    if log is None:
        return None
    return {c["path"]: c["after"] for c in log.changes if isinstance(c, dict) and "path" in c}
