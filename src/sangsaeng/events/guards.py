"""What the card's indicator editing asks of this app (registered in EventsConfig.ready)."""

from typing import Any

from django.utils.translation import gettext

from sangsaeng.events.feeds import AUTO_NOTE, feed_values
from sangsaeng.events.models import IndicatorFeed
from sangsaeng.plans.models import Indicator
from sangsaeng.plans.services import CardChange


def computed_notes(indicator_ids: list[int]) -> dict[int, str]:
    """The note shown beside the actuals of the fed indicators among `indicator_ids` (one query)."""
    fed = IndicatorFeed.objects.filter(indicator_id__in=indicator_ids).values_list("indicator_id", flat=True)
    return dict.fromkeys(fed, gettext(AUTO_NOTE))


def refuse_typed_actuals(change: CardChange, kind: str, key: str, data: dict[str, Any] | None) -> str | None:
    """Under the card's lock: a fed indicator's actuals must be the events' count, whatever the form sent."""
    if kind != "indicator" or data is None or not key.isdigit():
        return None
    feed = IndicatorFeed.objects.filter(indicator_id=int(key), indicator__task=change.task).first()
    if feed is None:
        return None
    if data.get("kind") != Indicator.Kind.NUMERIC:
        return gettext("교류행사에서 자동 집계되는 지표는 수치 지표여야 합니다. 연동을 먼저 해제하세요.")
    computed = feed_values(feed)
    for name, value in data.items():
        year = name.removeprefix("actual_")
        if name.startswith("actual_") and year.isdigit() and value != computed.get(int(year)):
            return gettext(
                "「%(name)s」의 실적은 교류행사에서 자동 집계되므로 직접 입력할 수 없습니다. "
                "실적을 바꾸려면 해당 행사를 등록하거나 고치세요."
            ) % {"name": feed.indicator.name}
    return None
