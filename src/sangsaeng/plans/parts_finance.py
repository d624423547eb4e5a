"""Card parts for the budget sheet: 산출근거 (items), 결산 (settlement) and 추진일정 (schedule).

Each is addressed by its fiscal year ("items:2017", "settlement:2015", "schedule:2017"), or "new"
with a year field in the form.
"""

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from sangsaeng.audit.diff import diff
from sangsaeng.audit.models import AuditLog
from sangsaeng.budgets.models import BudgetItem, CostLine, ScheduleLine, Settlement
from sangsaeng.lib import figures
from sangsaeng.lib.money import Unit, format_money
from sangsaeng.plans import cost_lines
from sangsaeng.plans.card_state import CardState
from sangsaeng.plans.forms import MoneyField
from sangsaeng.plans.models import Task
from sangsaeng.plans.parts import part
from sangsaeng.plans.services import CardChange, ConflictError

YEAR_MIN, YEAR_MAX = 1990, 2100


def _year(key: str) -> int | None:
    """The fiscal year a part key names; None for "new"."""
    if key == "new":
        return None
    if not key.isdigit() or not YEAR_MIN <= int(key) <= YEAR_MAX:
        raise Http404(gettext("알 수 없는 항목입니다."))
    return int(key)


def _existing_year(key: str) -> int:
    year = _year(key)
    if year is None:
        raise Http404(gettext("알 수 없는 항목입니다."))
    return year


def _year_field(initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=gettext("회계연도"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        initial=initial,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": "6"}),
    )


def _next_year(years: set[int], state: CardState) -> int:
    if years:
        return max(years) + 1
    return state.term_years[0] if state.term_years else dt.date.today().year  # noqa: DTZ011


def _base_revision(form: forms.Form) -> int:
    try:
        return int(str(form.data.get("base_revision", "")))
    except ValueError:
        return -1


def _cheonwon(value: int) -> str:
    return gettext("%(amount)s천원") % {"amount": format_money(value)}


# ---------------------------------------------------------------- 산출근거


class ItemsForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("산출근거"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false", "class": "cost-lines"}),
        help_text=gettext_lazy(
            "과목코드 줄(201-01 사무관리비) 아래에 ○ - • 기호나 들여쓰기로 내역을 적고, 금액은 "
            "'= 20,000천원', 단가는 '50,000원 × 80부'처럼 적습니다. 합계는 자동 계산됩니다."
        ),
    )

    def __init__(self, *args: Any, task: Task, year: int | None, default_year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.task, self.year = task, year
        if year is None:
            self.fields = {"year": _year_field(default_year), **self.fields}

    def text_rows(self) -> int:
        """Tall enough for the whole breakdown (line numbers in errors refer to what is visible)."""
        text = self.data.get("text", "") if self.is_bound else self.initial.get("text", "")
        return min(max(str(text or "").count("\n") + 3, 10), 40)

    def clean_text(self) -> list[cost_lines.ParsedItem]:
        text = self.cleaned_data.get("text") or ""
        if len(text) > 50_000:
            raise ValidationError(gettext("내용이 너무 깁니다 (50,000자 이하)."))
        try:
            items = cost_lines.parse(text)
        except cost_lines.CostLinesError as exc:
            raise ValidationError(exc.errors) from exc
        if self.year is None and not items:
            raise ValidationError(gettext("과목과 산출근거를 입력하세요."))
        return items

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        year = data.get("year", self.year)
        if self.year is None and year and BudgetItem.objects.filter(task=self.task, year=year).exists():
            self.add_error(
                "year",
                gettext("%(year)s년 산출근거가 이미 있습니다. 그 연도의 [수정]을 눌러 고치세요.")
                % {"year": year},
            )
        data["year"] = year
        data["base_revision"] = _base_revision(self)
        return data


def _items_title(state: CardState, key: str) -> str:
    year = _year(key)
    if year is None:
        return gettext("예산 요구내역 및 산출근거 추가")
    return gettext("%(year)s년 예산 요구내역 및 산출근거") % {"year": year}


def _year_slice(state: dict[str, Any], year: int) -> tuple[list[Any], dict[str, Any]]:
    items = sorted(
        (
            {k: v for k, v in item.items() if k != "id"}
            | {
                "lines": [
                    {k: v for k, v in ln.items() if k not in ("id", "parent_id")} for ln in item["lines"]
                ]
            }
            for item in state.get("items", [])
            if item["year"] == year
        ),
        key=lambda i: i["code"],
    )
    stated = {k: v for k, v in state.get("stated", {}).items() if k.startswith(f"items.{year}.")}
    return items, stated


def _check_year_unchanged(change: CardChange, base_revision: int, year: int) -> None:
    """Items are keyed by id in the state; a year's text is one part, so compare that year only."""
    task = change.task
    if base_revision == task.revision:
        return
    base = AuditLog.objects.filter(task=task, revision=base_revision, state__isnull=False).first()
    later = AuditLog.objects.filter(task=task, revision__gt=base_revision).select_related("actor")
    by = [(log.actor.display_name if log.actor else gettext("시스템"), log.at) for log in later]
    current = change.before.to_json()
    if base is None or not base.state:
        raise ConflictError(f"items:{year}", [], by)
    base_state: dict[str, Any] = base.state
    if _year_slice(base_state, year) == _year_slice(current, year):
        return
    ids = {i["id"] for s in (base_state, current) for i in s.get("items", []) if i["year"] == year}
    changes = [
        c
        for c in diff(base_state, current)
        if (c["path"].startswith("items.") and int(c["path"].split(".")[1]) in ids)
        or c["path"].startswith(f"stated.items.{year}.")
    ]
    raise ConflictError(f"items:{year}", changes, by)


def _create_lines(item: BudgetItem, lines: list[cost_lines.ParsedLine], parent: CostLine | None) -> None:
    for order, line in enumerate(lines):
        row = CostLine.objects.create(
            item=item,
            parent=parent,
            label=line.label,
            amount=line.amount,
            unit_price=line.unit_price,
            quantity=line.quantity,
            unit=line.unit,
            order=order,
        )
        _create_lines(item, line.children, row)


def _delete_year_items(task: Task, year: int) -> int:
    """Remove the year's items with their lines; the number of items removed."""
    _, by_model = BudgetItem.objects.filter(task=task, year=year).delete()
    return by_model.get(BudgetItem._meta.label, 0)


@part("items", title=_items_title, section="finance", deletable=True)
class ItemsPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        year = _year(key)
        items = [i for i in state.items if i.year == year]
        initial = {"text": cost_lines.to_text(items)} if items else {}
        return ItemsForm(
            data,
            initial=initial,
            task=task,
            year=year,
            default_year=_next_year({i.year for i in state.items}, state),
        )

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        task, year = change.task, data["year"]
        if _year(key) is not None:
            _check_year_unchanged(change, data["base_revision"], year)
        elif BudgetItem.objects.filter(task=task, year=year).exists():
            raise ValidationError({"year": gettext("%(year)s년 산출근거가 이미 있습니다.") % {"year": year}})
        _delete_year_items(task, year)
        parsed: list[cost_lines.ParsedItem] = data["text"]
        for item in parsed:
            row = BudgetItem.objects.create(
                task=task,
                year=year,
                code=item.code,
                name=item.name,
                # With cost lines the card shows their sum; an amount typed on the code line is
                # kept beside it as what the sheet states, and a difference is flagged.
                stated_amount=item.stated_amount,
            )
            _create_lines(row, item.lines, None)
        total = sum(cost_lines.computed_total(i) or 0 for i in parsed)
        verb = "추가" if _year(key) is None else "수정"
        return f"{year}년 산출근거 {verb} (과목 {len(parsed)}개, 계 {format_money(total)}천원)"

    @staticmethod
    def delete(change: CardChange, key: str) -> str:
        year = _existing_year(key)
        if not _delete_year_items(change.task, year):
            raise Http404(gettext("산출근거를 찾을 수 없습니다."))
        return f"{year}년 산출근거 삭제"


# ---------------------------------------------------------------- 결산


SETTLEMENT_FIELDS = (
    ("original", gettext_lazy("당초예산")),
    ("carried_in", gettext_lazy("전년이월")),
    ("change", gettext_lazy("예산변경")),
    ("executed", gettext_lazy("집행액")),
    ("carried_out", gettext_lazy("차년이월")),
)


class SettlementForm(forms.Form):
    def __init__(
        self, *args: Any, task: Task, year: int | None, default_year: int, unit: Unit, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.task, self.year = task, year
        if year is None:
            self.fields["year"] = _year_field(default_year)
        for name, label in SETTLEMENT_FIELDS:
            self.fields[name] = MoneyField(label=label, unit=unit)
        self.fields["change"].help_text = gettext("감액은 앞에 -를 붙입니다 (예: -5,000).")
        self.fields["carried_out"].help_text = gettext("집행액 + 차년이월은 예산현액을 넘을 수 없습니다.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, label in SETTLEMENT_FIELDS:
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
            if name != "change" and (data.get(name) or 0) < 0:
                self.add_error(
                    name,
                    gettext("%(field)s은(는) 0 이상이어야 합니다. 줄어든 금액은 예산변경에 -로 적으세요.")
                    % {"field": label},
                )
        year = data.get("year", self.year)
        if self.year is None and year and Settlement.objects.filter(task=self.task, year=year).exists():
            self.add_error(
                "year",
                gettext("%(year)s년 결산이 이미 있습니다. 그 연도의 [수정]을 눌러 고치세요.")
                % {"year": year},
            )
        data["year"] = year
        if self.errors:
            return data
        f = figures.settlement(**{name: data[name] for name, _ in SETTLEMENT_FIELDS})
        formula = gettext("당초예산 %(original)s + 전년이월 %(carried_in)s %(sign)s 예산변경 %(change)s") % {
            "original": format_money(data["original"]),
            "carried_in": format_money(data["carried_in"]),
            "sign": "−" if data["change"] < 0 else "+",
            "change": format_money(abs(data["change"])),
        }
        if f.current < 0:
            self.add_error(
                "change",
                gettext("예산현액이 %(current)s으로 0보다 작습니다 (%(formula)s).")
                % {"current": _cheonwon(f.current), "formula": formula},
            )
        elif data["executed"] + data["carried_out"] > f.current:
            spent = data["executed"] + data["carried_out"]
            self.add_error(
                "executed",
                gettext(
                    "집행액 %(executed)s과 차년이월 %(carried_out)s의 합 %(spent)s이 "
                    "예산현액 %(current)s(%(formula)s)보다 %(over)s 많습니다. 금액을 확인하세요."
                )
                % {
                    "executed": _cheonwon(data["executed"]),
                    "carried_out": _cheonwon(data["carried_out"]),
                    "spent": _cheonwon(spent),
                    "current": _cheonwon(f.current),
                    "formula": formula,
                    "over": _cheonwon(spent - f.current),
                },
            )
        return data


def _settlement_title(state: CardState, key: str) -> str:
    year = _year(key)
    return gettext("결산 추가") if year is None else gettext("%(year)s년 결산") % {"year": year}


@part("settlement", title=_settlement_title, section="finance", deletable=True)
class SettlementPart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        year = _year(key)
        current = next((s for s in state.settlements if s.year == year), None)
        initial = {name: getattr(current, name) for name, _ in SETTLEMENT_FIELDS} if current else {}
        return SettlementForm(
            data,
            initial=initial,
            task=task,
            year=year,
            unit=unit,
            default_year=_next_year({s.year for s in state.settlements}, state),
        )

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        year = data["year"]
        if _year(key) is None and Settlement.objects.filter(task=change.task, year=year).exists():
            raise ValidationError({"year": gettext("%(year)s년 결산이 이미 있습니다.") % {"year": year}})
        values = {name: data[name] for name, _ in SETTLEMENT_FIELDS}
        _, created = Settlement.objects.update_or_create(task=change.task, year=year, defaults=values)
        return f"{year}년 결산 {'추가' if created else '수정'}"

    @staticmethod
    def delete(change: CardChange, key: str) -> str:
        year = _existing_year(key)
        deleted, _ = Settlement.objects.filter(task=change.task, year=year).delete()
        if not deleted:
            raise Http404(gettext("결산을 찾을 수 없습니다."))
        return f"{year}년 결산 삭제"


# ---------------------------------------------------------------- 추진일정

SCHEDULE_BLANK_ROWS = 3
SCHEDULE_MAX_ROWS = 100
SCHEDULE_COLUMNS = ("label", "period", "amount", "detail")


class ScheduleForm(forms.Form):
    """One row per 추진일정 line, plus a few blank rows to add new ones; blank rows are ignored."""

    def __init__(
        self,
        *args: Any,
        task: Task,
        year: int | None,
        default_year: int,
        rows: int,
        unit: Unit,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.task, self.year = task, year
        if year is None:
            self.fields["year"] = _year_field(default_year)
        if self.is_bound:
            posted = [
                int(k[4:].split("_", 1)[0])
                for k in self.data
                if k.startswith("row_") and k[4:].split("_", 1)[0].isdigit()
            ]
            rows = max(posted, default=-1) + 1
        self.rows = min(rows, SCHEDULE_MAX_ROWS)
        for i in range(self.rows):
            self.fields[f"row_{i}_label"] = forms.CharField(
                label=gettext("%(row)s행 사업추진절차") % {"row": i + 1}, max_length=200, required=False
            )
            self.fields[f"row_{i}_period"] = forms.CharField(
                label=gettext("%(row)s행 추진기간") % {"row": i + 1}, max_length=50, required=False
            )
            self.fields[f"row_{i}_amount"] = MoneyField(
                label=gettext("%(row)s행 예산집행금액") % {"row": i + 1}, unit=unit
            )
            self.fields[f"row_{i}_detail"] = forms.CharField(
                label=gettext("%(row)s행 추진세부내용") % {"row": i + 1}, max_length=300, required=False
            )
            self.fields[f"row_{i}_period"].widget.attrs.update({"size": "16"})

    def table(self) -> list[list[Any]]:
        return [[self[f"row_{i}_{c}"] for c in SCHEDULE_COLUMNS] for i in range(self.rows)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = []
        for i in range(self.rows):
            row = {c: data.get(f"row_{i}_{c}") for c in SCHEDULE_COLUMNS}
            if all(v in (None, "") for v in row.values()):
                continue
            if not row["label"]:
                self.add_error(
                    f"row_{i}_label", gettext("%(row)s행: 사업추진절차를 입력하세요.") % {"row": i + 1}
                )
            if row["amount"] is not None and row["amount"] < 0:
                self.add_error(
                    f"row_{i}_amount", gettext("%(row)s행: 금액은 0 이상이어야 합니다.") % {"row": i + 1}
                )
            lines.append({**row, "period": row["period"] or "", "detail": row["detail"] or ""})
        year = data.get("year", self.year)
        if self.year is None and year and ScheduleLine.objects.filter(task=self.task, year=year).exists():
            self.add_error(
                "year",
                gettext("%(year)s년 추진일정이 이미 있습니다. 그 연도의 [수정]을 눌러 고치세요.")
                % {"year": year},
            )
        if self.year is None and not lines and "year" not in self.errors:
            self.add_error(None, gettext("추진일정을 한 줄 이상 입력하세요."))
        data["year"], data["lines"] = year, lines
        return data


def _schedule_title(state: CardState, key: str) -> str:
    year = _year(key)
    return gettext("추진일정 추가") if year is None else gettext("%(year)s년도 추진일정") % {"year": year}


@part("schedule", title=_schedule_title, section="finance", deletable=True)
class SchedulePart:
    @staticmethod
    def form(data: Any, *, task: Task, state: CardState, key: str, unit: Unit) -> forms.Form:
        year = _year(key)
        lines = [s for s in state.schedule if s.year == year]
        initial = {f"row_{i}_{c}": getattr(line, c) for i, line in enumerate(lines) for c in SCHEDULE_COLUMNS}
        return ScheduleForm(
            data,
            initial=initial,
            task=task,
            year=year,
            unit=unit,
            rows=len(lines) + SCHEDULE_BLANK_ROWS,
            default_year=_next_year({s.year for s in state.schedule}, state),
        )

    @staticmethod
    def apply(change: CardChange, data: dict[str, Any], key: str) -> str:
        year = data["year"]
        existing = ScheduleLine.objects.filter(task=change.task, year=year)
        if _year(key) is None and existing.exists():
            raise ValidationError({"year": gettext("%(year)s년 추진일정이 이미 있습니다.") % {"year": year}})
        existing.delete()
        ScheduleLine.objects.bulk_create(
            ScheduleLine(task=change.task, year=year, order=i, **line) for i, line in enumerate(data["lines"])
        )
        return f"{year}년도 추진일정 {'추가' if _year(key) is None else '수정'} ({len(data['lines'])}건)"

    @staticmethod
    def delete(change: CardChange, key: str) -> str:
        year = _existing_year(key)
        deleted, _ = ScheduleLine.objects.filter(task=change.task, year=year).delete()
        if not deleted:
            raise Http404(gettext("추진일정을 찾을 수 없습니다."))
        return f"{year}년도 추진일정 삭제"
