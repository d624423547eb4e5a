"""What the dashboard's charts draw, as plain data for `json_script`, and the figure filters in words.

The charts only repeat the tables beside them (the tables are the accessible alternative and the
authority); numbers are the selectors' sums, in the unit the page shows."""

from typing import Any

from django.utils.translation import gettext

from sangsaeng.budgets.models import Bucket, BudgetKind
from sangsaeng.dashboards.selectors import Dashboard, FigureFilter
from sangsaeng.lib import figures
from sangsaeng.lib.money import Unit
from sangsaeng.rounds.models import UpdateState


def _amount(value: int, unit: Unit) -> float:
    return float(figures.eok(value)) if unit == "eok" else float(value)


def charts(dash: Dashboard, unit: Unit) -> dict[str, dict[str, Any]]:
    statuses = dash.totals.cells
    budget = dash.budget.by_year
    years = dash.indicators
    return {
        "status": {
            "type": "bar",
            "horizontal": True,
            "labels": [label for _, label, _ in statuses],
            "datasets": [{"label": gettext("과제 수"), "data": [n for _, _, n in statuses], "style": 0}],
        },
        "budget": {
            "type": "bar",
            "labels": [row.label for row in budget],
            "datasets": [
                {
                    "label": str(kind.label),
                    "data": [_amount(getattr(row, kind.value), unit) for row in budget],
                    "style": i,
                }
                for i, kind in enumerate(BudgetKind)
            ],
        },
        "indicators": {
            "type": "bar",
            "stacked": True,
            "labels": [gettext("%(year)s년") % {"year": y.year} for y in years],
            "datasets": [
                {"label": gettext("달성"), "data": [y.met for y in years], "style": 0},
                {"label": gettext("미달"), "data": [y.behind for y in years], "style": 1},
                {"label": gettext("실적 미입력·예정"), "data": [y.pending for y in years], "style": 2},
            ],
        },
    }


def figure_chips(figure: FigureFilter) -> list[tuple[str, str]]:
    chips: list[tuple[str, str]] = []
    if figure.top:
        chips.append((gettext("범위"), gettext("과제 (세부과제 제외)")))
    if figure.group == "done":
        chips.append((gettext("사업이행도"), gettext("완료 (이행후계속추진 포함)")))
    elif figure.group == "implemented":
        chips.append((gettext("사업이행도"), gettext("완료·이행후계속추진·정상추진")))
    if figure.indicator:
        states = {"met": gettext("달성"), "behind": gettext("미달"), "pending": gettext("실적 미입력·예정")}
        chips.append((gettext("확인지표"), states[figure.indicator]))
    if figure.budget:
        parts = [str(BudgetKind(figure.budget).label)]
        if figure.source:
            parts.append(figure.source)
        if figure.bucket:
            parts.append(str(Bucket(figure.bucket).label))
        chips.append((gettext("예산"), " · ".join(parts)))
    if figure.round_state:
        label = (
            gettext("기한 경과")
            if figure.round_state == "overdue"
            else str(UpdateState(figure.round_state).label)
        )
        chips.append((gettext("최근 보고 회차"), label))
    return chips
