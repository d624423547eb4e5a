"""Indicators fed by events: their yearly actual is counted from the events, never typed.

Recomputed in the same transaction as every event created, changed or deleted and every feed set,
through plans.services.editing_card, so the card's history records each change ("교류행사 반영: …").
A year without a matching event has no actual (shown "-"), not 0: years not yet reached do not read
as failures.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.plans.models import IndicatorValue
from sangsaeng.plans.services import editing_card

AUTO_NOTE = gettext_noop("교류행사에서 자동 집계")


def feed_events(feed: IndicatorFeed, *, task_id: int | None = None) -> QuerySet[Event]:
    events = Event.objects.all()
    if feed.kinds:
        events = events.filter(kind__in=feed.kinds)
    if feed.agreement_id:
        return events.filter(agreement_id=feed.agreement_id)
    return events.filter(tasks=task_id if task_id is not None else feed.indicator.task_id)


def feed_values(feed: IndicatorFeed) -> dict[int, Decimal]:
    """{year: actual} from the events of each year (the year an event starts)."""
    rows = (
        feed_events(feed)
        .annotate(year=ExtractYear("start"))
        .order_by()
        .values("year")
        .annotate(n=Count("pk", distinct=True), people=Sum("participants"))
    )
    people = feed.measure == IndicatorFeed.Measure.PARTICIPANTS
    return {row["year"]: Decimal((row["people"] if people else row["n"]) or 0) for row in rows}


def _empty(value: IndicatorValue) -> bool:
    return (
        value.target is None
        and value.actual is None
        and not value.plan_text
        and not value.actual_text
        and not value.achieved
        and value.achieved_on is None
    )


def write_actuals(indicator_id: int, values: dict[int, Decimal]) -> None:
    """Set each year's actual to `values` (None where a year has no event); rows left empty go."""
    rows = {v.year: v for v in IndicatorValue.objects.filter(indicator_id=indicator_id)}
    for year in sorted(set(rows) | set(values)):
        row = rows.get(year) or IndicatorValue(indicator_id=indicator_id, year=year)
        actual = values.get(year)
        if row.pk and row.actual == actual:
            continue
        row.actual = actual
        if _empty(row):
            if row.pk:
                row.delete()
        else:
            row.save()


def recompute_feed(*, feed: IndicatorFeed, actor: User | None) -> None:
    indicator = feed.indicator
    # The audit log is kept in Korean (plans.services.in_record_language).
    summary = f"교류행사 반영: {indicator.name}"
    with editing_card(task_id=indicator.task_id, actor=actor, action="events_feed", summary=summary):
        write_actuals(indicator.pk, feed_values(feed))


@dataclass(frozen=True)
class EventKey:
    """What decides which feeds count an event: its kind, agreement and tasks."""

    kind: str
    agreement_id: int | None
    task_ids: frozenset[int]


def key_of(event: Event) -> EventKey:
    return EventKey(event.kind, event.agreement_id, frozenset(event.tasks.values_list("pk", flat=True)))


def feeds_counting(keys: Iterable[EventKey]) -> list[IndicatorFeed]:
    keys = list(keys)
    agreements = {k.agreement_id for k in keys if k.agreement_id}
    tasks = {t for k in keys for t in k.task_ids}
    if not agreements and not tasks:
        return []
    candidates = IndicatorFeed.objects.filter(
        Q(agreement_id__in=agreements) | Q(agreement__isnull=True, indicator__task_id__in=tasks)
    ).select_related("indicator")
    # One order for every writer, so two saves never lock the same cards in opposite orders.
    candidates = candidates.order_by("indicator__task_id", "pk")
    kinds = {k.kind for k in keys}
    # Kinds are a JSON list: filtered here, the same way on SQLite and PostgreSQL.
    return [f for f in candidates if not f.kinds or kinds & set(f.kinds)]


def recompute_for(*, keys: Iterable[EventKey], actor: User | None) -> None:
    for feed in feeds_counting(keys):
        recompute_feed(feed=feed, actor=actor)


def fed_notes(indicator_ids: Iterable[int]) -> dict[int, Any]:
    """{indicator id: feed} for the fed ones among `indicator_ids`, in one query."""
    return {f.indicator_id: f for f in IndicatorFeed.objects.filter(indicator_id__in=list(indicator_ids))}
