"""Carrying a task of the old plan over into the new version: what goes along, and what stays.

Carried (the card's inputs, the plan of the work): the header fields, the bullet texts, contacts,
co-leading departments, partner governments, the agreement, and each indicator with the years of the
new term (targets and planned text only), plus the investment plan (투자계획) for the new term's years
and after it. Sub-tasks come along under their parent. An indicator counted from events
(events.IndicatorFeed) stays so: the copy counts the same way (events under the same agreement, or
linked to the carried task), its actuals counted from the events at once.

Left with the old version, as its record: progress and 사업이행도 (measured against the old term's
goals; the new card starts 정상추진 at 0 %), indicator actuals, budget secured and executed, 예산과목 and
산출근거, 결산, 추진일정, activities, ordinances, attachments and the figures a source document stated.
The new version's rounds report those afresh, so no number is counted in two versions.
"""

from decimal import Decimal

from sangsaeng.accounts.models import User
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_card_change
from sangsaeng.budgets.models import Bucket, BudgetEntry, BudgetKind, FundingSource
from sangsaeng.events.services import feed_carry
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import Area, Contact, Indicator, IndicatorValue, Plan, Status, Task, TaskText
from sangsaeng.plans.services import in_record_language, task_create

# Header fields copied as they are (code, title, area and parent are mapped by the caller).
HEADER_FIELDS = (
    "slogan",
    "rollup",
    "weight",
    "implementer",
    "term_class",
    "budget_class",
    "lead_department",
    "central_coop",
    "agreement",
    "goal",
    "term_indicator",
    "period_kind",
    "period_text",
    "location",
    "execution_type",
    "expense_type",
    "prior_procedures",
)


def carry_task(
    *,
    actor: User | None,
    old: Task,
    plan: Plan,
    areas: dict[int, Area],
    sources: dict[str, FundingSource],
    summary: str,
    parent: Task | None = None,
    code: str | None = None,
) -> Task:
    """Copy `old` (and its sub-tasks) into `plan`; the new card's history says where it came from."""
    old_area = old.area.number if old.area else None
    task = task_create(
        actor=actor,
        plan=plan,
        code=code or old.code,
        title=old.title,
        parent=parent,
        area=areas.get(old_area) if old_area is not None else None,
        status=Status.ON_TRACK,
        progress=Decimal(0),
        novelty=Task.Novelty.CONTINUING,
        partners=list(old.partners.all()),
        **{name: getattr(old, name) for name in HEADER_FIELDS},
    )
    # Always one row saying where the card came from, even when only the header was carried.
    # The state task_create just recorded: read back from its audit row, not rebuilt from the tables.
    before = AuditLog.objects.filter(task=task).latest("id").state
    _copy_inputs(old, task, plan, sources)
    task.revision += 1
    Task.objects.filter(pk=task.pk).update(revision=task.revision)
    after = load_state(task.pk).model_copy(update={"revision": task.revision})
    with in_record_language():
        log_card_change(
            task=task,
            actor=actor,
            action="version_carry",
            summary=summary,
            before=before,
            after=after.to_json(),
        )
    for child in old.children.order_by("sort_key"):
        carry_task(
            actor=actor, old=child, plan=plan, areas=areas, sources=sources, summary=summary, parent=task
        )
    return task


def _copy_inputs(old: Task, new: Task, plan: Plan, sources: dict[str, FundingSource]) -> None:
    years = set(plan.term_years)
    new.co_departments.set(old.co_departments.all())
    Contact.objects.bulk_create(
        Contact(task=new, role=c.role, name=c.name, phone=c.phone, user_id=c.user_id, order=c.order)
        for c in old.contacts.all()
    )
    TaskText.objects.bulk_create(TaskText(task=new, kind=t.kind, items=t.items) for t in old.texts.all())
    for ind in old.indicators.select_related("event_feed").prefetch_related("values"):
        copy = Indicator.objects.create(
            task=new,
            name=ind.name,
            kind=ind.kind,
            unit=ind.unit,
            aggregation=ind.aggregation,
            term_plan_text=ind.term_plan_text,
            note=ind.note,
            order=ind.order,
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(indicator=copy, year=v.year, target=v.target, plan_text=v.plan_text)
            for v in ind.values.all()
            if v.year in years
        )
        feed = getattr(ind, "event_feed", None)
        if feed is not None:
            feed_carry(feed=feed, indicator=copy)
    planned = old.budget_entries.filter(kind=BudgetKind.PLANNED).select_related("source")
    BudgetEntry.objects.bulk_create(
        BudgetEntry(
            task=new,
            source=sources[e.source.name],
            kind=e.kind,
            bucket=e.bucket,
            year=e.year,
            amount=e.amount,
        )
        for e in planned
        if e.source.name in sources
        and (e.bucket == Bucket.AFTER or (e.bucket == Bucket.YEAR and e.year in years))
    )
