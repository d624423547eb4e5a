"""Card part for 조례 입법 추진현황: one ordinance through 발의 → 위원회 심사 → 본회의 의결 → 공포."""

import datetime as dt
from typing import Any

from django import forms
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from sangsaeng.lib import kdate
from sangsaeng.lib.money import Unit
from sangsaeng.plans.card import LEGISLATION_STAGES
from sangsaeng.plans.card_state import CardState
from sangsaeng.plans.models import Legislation, Task
from sangsaeng.plans.parts import _pk, part
from sangsaeng.plans.services import CardChange

DATE_HELP = gettext_lazy("예: 2018. 10. 1. 또는 '18.10.1")


class LegislationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("조례명"), max_length=200)
    bill_kind = forms.CharField(
        label=gettext_lazy("안건 구분"),
        max_length=50,
        required=False,
        help_text=gettext_lazy("예: 제정조례안, 일부개정조례안"),
    )
    proposed_on = forms.CharField(
        label=gettext_lazy("발의"), max_length=30, required=False, help_text=DATE_HELP
    )
    committee_on = forms.CharField(label=gettext_lazy("위원회 심사"), max_length=30, required=False)
    plenary_on = forms.CharField(label=gettext_lazy("본회의 의결"), max_length=30, required=False)
    promulgated_on = forms.CharField(label=gettext_lazy("공포"), max_length=30, required=False)
    note = forms.CharField(label=gettext_lazy("비고"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dates: list[tuple[str, str, dt.date]] = []
        for attr, _stage in LEGISLATION_STAGES:
            label = str(self.fields[attr].label)  # the stage's name in the reader's language
            raw = (data.get(attr) or "").strip()
            if attr in self.errors:
                continue
            if not raw:
                data[attr] = None
                continue
            try:
                value, precision = kdate.parse(raw)
            except kdate.DateError as exc:
                self.add_error(attr, gettext("%(stage)s: %(error)s") % {"stage": label, "error": exc})
                continue
            if precision != "day":
                self.add_error(
                    attr,
                    gettext("%(stage)s: 날짜를 일까지 입력하세요 (%(example)s).")
                    % {"stage": label, "example": DATE_HELP},
                )
                continue
            data[attr] = value
            dates.append((attr, label, value))
        latest: tuple[str, dt.date] | None = None  # the latest earlier stage
        for attr, label, value in dates:
            if latest and value < latest[1]:
                self.add_error(
                    attr,
                    gettext(
                        "%(stage)s(%(date)s)이(가) %(earlier)s(%(earlier_date)s)보다 앞섭니다. "
                        "발의 ≤ 위원회 심사 ≤ 본회의 의결 ≤ 공포 순서로 날짜가 이어져야 합니다."
                    )
                    % {
                        "stage": label,
                        "date": kdate.official(value),
                        "earlier": latest[0],
                        "earlier_date": kdate.official(latest[1]),
                    },
                )
            else:
                latest = (label, value)
        return data


def _title(state: CardState, key: str) -> str:
    if key == "new":
        return gettext("조례 추가")
    lg = next((x for x in state.legislation if str(x.id) == key), None)
    return gettext("조례 「%(name)s」") % {"name": lg.name} if lg else gettext("조례")


@part("legislation", title=_title, section="legislation", deletable=True)
class LegislationPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        pk = _pk(key)
        if pk is None:
            return LegislationForm(data)
        lg = next((x for x in state.legislation if x.id == pk), None)
        if lg is None:
            raise Http404(gettext("조례를 찾을 수 없습니다."))
        initial = {"name": lg.name, "bill_kind": lg.bill_kind, "note": lg.note}
        initial |= {attr: kdate.official(getattr(lg, attr)) for attr, _ in LEGISLATION_STAGES}
        return LegislationForm(data, initial=initial)

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        values = {name: data[name] for name in ("name", "bill_kind", "note")}
        values |= {attr: data[attr] for attr, _ in LEGISLATION_STAGES}
        pk = _pk(key)
        if pk is None:
            Legislation.objects.create(task=change.task, **values)
            return f"조례 추가: {values['name'][:60]}"
        if not Legislation.objects.filter(pk=pk, task=change.task).update(**values):
            raise Http404(gettext("조례를 찾을 수 없습니다."))
        return f"조례 수정: {values['name'][:60]}"

    @staticmethod
    def delete(change: CardChange, key: str) -> str:
        pk = _pk(key)
        lg = Legislation.objects.filter(pk=pk, task=change.task).first() if pk is not None else None
        if lg is None:
            raise Http404(gettext("조례를 찾을 수 없습니다."))
        lg.delete()
        return f"조례 삭제: {lg.name[:60]}"
