"""Every write to an event or an indicator feed: validated, conflict-checked, atomic, audited, and the
fed indicators recomputed in the same transaction (events.feeds)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import org_scope
from sangsaeng.agreements.records import changes_between, check_revision, kept_agreement, kept_links
from sangsaeng.audit.services import log_event
from sangsaeng.events.feeds import feed_values, key_of, recompute_feed, recompute_for, write_actuals
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.events.selectors import task_choices
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.plans.models import Indicator, Task

FIELDS = (
    "kind",
    "title",
    "start",
    "end",
    "place",
    "participants",
    "participant_groups",
    "budget_used",
    "agreement",
    "description",
)
LABELS = {
    f.name: f.verbose_name
    for f in (*Event._meta.fields, *Event._meta.many_to_many)
    if f.name in (*FIELDS, "organizers", "tasks")
}


def _snapshot(event: Event | None, values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in values.items():
        if isinstance(value, (list, tuple, set)) or hasattr(value, "all"):
            value = sorted(str(v) for v in (value.all() if hasattr(value, "all") else value))
        elif hasattr(value, "pk") or hasattr(value, "isoformat"):
            value = str(value)
        out[name] = value
    return out


def check_event(data: dict[str, Any], organizers: list[Organization]) -> None:
    errors: dict[str, str] = {}
    if not organizers:
        errors["organizers"] = gettext("주최 기관을 하나 이상 고르세요.")
    start, end = data.get("start"), data.get("end")
    if start and end and end < start:
        errors["end"] = gettext("종료일이 시작일보다 빠릅니다.")
    if errors:
        raise ValidationError(errors)


def event_save(
    *,
    actor: User,
    event: Event | None,
    data: dict[str, Any],
    organizers: list[Organization],
    tasks: list[Task],
    base_revision: int | None,
) -> Event:
    """Create (`event` None) or update an event; the indicators it feeds (before and after) follow."""
    check_event(data, organizers)
    if not org_scope(actor).writes({o.pk for o in organizers}):
        raise ValidationError({"organizers": gettext("담당하는 기관이 주최 기관에 들어 있어야 합니다.")})
    with transaction.atomic():
        keys = []
        if event is None:
            current, before = Event(created_by=actor), None
        else:
            current = Event.objects.select_for_update().get(pk=event.pk)
            keys.append(key_of(current))
            linked = list(current.tasks.all())
            # The form offers only the tasks the editor may link; links to the others stay as they are,
            # and so does an agreement the editor may not read.
            offered = set(
                task_choices(actor).filter(pk__in=[t.pk for t in linked]).values_list("pk", flat=True)
            )
            hidden = {t.pk for t in linked if t.pk not in offered}
            tasks = kept_links(current=linked, offered=offered, chosen=tasks)
            data = data | {
                "agreement": kept_agreement(
                    actor=actor, current_id=current.agreement_id, chosen=data["agreement"]
                )
            }
            before = _snapshot(
                current,
                {k: getattr(current, k) for k in FIELDS}
                | {"organizers": current.organizers.all(), "tasks": linked},
            )
            # The conflict is shown to the editor: only the links they may see.
            check_revision(
                current=current.revision,
                base=base_revision,
                changes=changes_between(
                    before | _snapshot(None, {"tasks": [t for t in linked if t.pk not in hidden]}),
                    _snapshot(
                        None,
                        data | {"organizers": organizers, "tasks": [t for t in tasks if t.pk not in hidden]},
                    ),
                    LABELS,
                ),
            )
        for name in FIELDS:
            setattr(current, name, data[name])
        current.revision += 1
        current.full_clean()
        current.save()
        current.organizers.set(organizers)
        current.tasks.set(tasks)
        after = _snapshot(
            current,
            {k: getattr(current, k) for k in FIELDS} | {"organizers": organizers, "tasks": tasks},
        )
        log_event(
            actor=actor,
            action="event_create" if before is None else "event_update",
            summary=(
                gettext_noop("교류행사 등록: %(title)s")
                if before is None
                else gettext_noop("교류행사 수정: %(title)s")
            )
            % {"title": current.title},
            changes=changes_between(before or {}, after, LABELS),
        )
        keys.append(key_of(current))
        recompute_for(keys=keys, actor=actor)
    return current


def event_delete(*, actor: User, event: Event) -> None:
    with transaction.atomic():
        current = Event.objects.select_for_update().get(pk=event.pk)
        key = key_of(current)
        title = current.title
        current.delete()
        log_event(
            actor=actor,
            action="event_delete",
            summary=gettext_noop("교류행사 삭제: %(title)s") % {"title": title},
        )
        recompute_for(keys=[key], actor=actor)


def feed_save(
    *,
    actor: User,
    indicator: Indicator,
    measure: str,
    kinds: list[str],
    agreement: Agreement | None,
    base_revision: int | None,
) -> IndicatorFeed:
    """Feed an indicator from events (or change how): its actuals are recomputed at once. `base_revision`
    is the feed's revision the form started from (0: no feed yet; None: no check, as the demo loads)."""
    if indicator.kind != Indicator.Kind.NUMERIC:
        raise ValidationError(gettext("교류행사 연동은 수치 지표에만 쓸 수 있습니다."))
    with transaction.atomic():
        feed, created = IndicatorFeed.objects.select_for_update().get_or_create(
            indicator=indicator, defaults={"measure": measure, "kinds": kinds, "agreement": agreement}
        )
        before = {} if created else _feed_snapshot(feed)
        if not created:
            # The form offers only the agreements the editor may read: a link to another stays.
            agreement = kept_agreement(actor=actor, current_id=feed.agreement_id, chosen=agreement)
        feed.measure, feed.kinds, feed.agreement = measure, sorted(kinds), agreement
        check_revision(
            current=0 if created else feed.revision,
            base=base_revision,
            changes=changes_between(before, _feed_snapshot(feed), FEED_LABELS),
        )
        feed.revision += 1
        feed.full_clean()
        feed.save()
        log_event(
            actor=actor,
            action="event_feed_set",
            summary=gettext_noop("확인지표 교류행사 연동: %(name)s") % {"name": indicator.name},
            plan=indicator.task.plan,
            changes=changes_between(before, _feed_snapshot(feed), FEED_LABELS),
        )
        recompute_feed(feed=feed, actor=actor)
    return feed


def feed_carry(*, feed: IndicatorFeed, indicator: Indicator) -> IndicatorFeed:
    """The same feed for `indicator`, the copy of `feed`'s indicator that a plan revision carries over:
    the same measure, kinds and agreement, so it counts the same way; without an agreement it counts the
    events linked to its own task, the carried one. Its actuals are counted at once, inside the caller's
    card change, which records them in the new card's history."""
    with transaction.atomic():
        carried = IndicatorFeed(
            indicator=indicator,
            measure=feed.measure,
            kinds=list(feed.kinds),
            agreement_id=feed.agreement_id,
            revision=1,
        )
        carried.full_clean()
        carried.save()
        write_actuals(indicator.pk, feed_values(carried))
    return carried


def _feed_snapshot(feed: IndicatorFeed) -> dict[str, Any]:
    return {"measure": feed.measure, "kinds": feed.kinds, "agreement": str(feed.agreement or "")}


FEED_LABELS = {
    "measure": gettext_noop("집계 방식"),
    "kinds": gettext_noop("행사 유형"),
    "agreement": gettext_noop("협약 기준 집계"),
}


def feed_delete(*, actor: User, feed: IndicatorFeed) -> None:
    """Stop feeding: the actuals stay as they were and may be typed again."""
    with transaction.atomic():
        indicator = feed.indicator
        IndicatorFeed.objects.filter(pk=feed.pk).delete()
        log_event(
            actor=actor,
            action="event_feed_delete",
            summary=gettext_noop("확인지표 교류행사 연동 해제: %(name)s") % {"name": indicator.name},
            plan=indicator.task.plan,
        )
