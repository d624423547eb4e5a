"""`sangsaeng card show <관리번호>`: the computed card, for people and for scripts (--json).
`sangsaeng card export <관리번호> --format pdf|hwpx|xlsx -o FILE`: the card as a document or workbook."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.functional import Promise

from sangsaeng.lib.money import Unit, format_money, unit_from
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import load_state
from sangsaeng.plans.models import Task


class Command(BaseCommand):
    help = "관리카드를 계산하여 보여 줍니다."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="관리번호로 카드 보기")
        show.add_argument("code", help="관리번호, 예: 10-4")
        show.add_argument("--plan", help="계획명 일부 또는 번호 (관리번호가 여러 계획에 있을 때)")
        show.add_argument("--json", action="store_true", help="JSON으로 출력")
        show.add_argument("--unit", choices=["cheonwon", "eok"], default="cheonwon")
        export = sub.add_parser("export", help="관리카드를 PDF·HWPX·XLSX 파일로 저장")
        export.add_argument("code", help="관리번호, 예: 10-4")
        export.add_argument("--plan", help="계획명 일부 또는 번호 (관리번호가 여러 계획에 있을 때)")
        export.add_argument("--format", choices=["pdf", "hwpx", "xlsx"], required=True, dest="fmt")
        export.add_argument("-o", "--output", required=True, help="저장할 파일 경로")
        export.add_argument("--unit", choices=["cheonwon", "eok"], default="cheonwon")

    def handle(
        self,
        *args: Any,
        action: str,
        code: str,
        plan: str | None,
        unit: str,
        json: bool = False,
        **options: Any,
    ) -> None:
        tasks = Task.objects.filter(code=code).select_related("plan")
        if plan:
            tasks = tasks.filter(
                Q(plan__title__icontains=plan) | Q(plan__pk=int(plan) if plan.isdigit() else None)
            )
        found = list(tasks[:10])
        if not found:
            raise CommandError(f"관리번호 {code} 과제를 찾을 수 없습니다.")
        if len(found) > 1:
            names = ", ".join(f"{t.plan.pk}:{t.plan.title}" for t in found)
            raise CommandError(f"관리번호 {code}이(가) 여러 계획에 있습니다. --plan 으로 고르세요: {names}")
        if action == "export":
            from sangsaeng.exchange.cli import card_export

            card_export(
                task=found[0],
                fmt=options["fmt"],
                path=options["output"],
                unit=unit_from(unit),
                say=self.stdout.write,
            )
            return
        card = compute_card(load_state(found[0].pk))
        if json:
            self.stdout.write(_json_dumps(card.to_json()))
            return
        self._print(card, unit_from(unit))

    def _print(self, card: Any, unit: Unit) -> None:
        s = card.state
        label = "억원" if unit == "eok" else "천원"
        out = self.stdout.write
        out(f"{s.code} {s.title}  [{s.plan_title}]")
        progress = f"{card.progress.normalize():f}%"
        out(f"  사업이행도: {card.status_label}   종합 진도율: {progress} ({card.progress_formula})")
        for ind in card.indicators:
            out(f"  지표 「{ind.name}」{f' ({ind.unit})' if ind.unit else ''}: 종합 {ind.term_rate}")
            for c in ind.years:
                if ind.is_milestone:
                    out(f"    {c.label}: 계획 {c.plan_text or '-'} / 실적 {c.actual_text or '-'} / {c.rate}")
                else:
                    target = _n(c.target)
                    actual = _n(c.actual)
                    out(f"    {c.label}: 계획 {target} / 실적 {actual} / 달성률 {c.rate}")
        for table in card.budget_tables:
            total = table.total
            if total.total:
                out(
                    f"  {table.label}: 합계 {format_money(total.total, unit)}{label} "
                    f"(기투자 {format_money(total.before, unit)}, "
                    f"소계 {format_money(total.term_subtotal, unit)}, "
                    f"임기후 {format_money(total.after, unit)})"
                )
        for st in card.settlements:
            out(
                f"  {st.year} 결산: 예산현액 {st.current:,}천원, 집행 {st.executed:,}천원, "
                f"집행잔액 {st.balance:,}천원, 집행률 {st.execution_rate}"
            )
        for flag in card.flags:
            out(f"  ⚠ {flag.message}")


def _n(value: Any) -> str:
    return "-" if value is None else f"{value.normalize():f}"


def _json_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_lazy_text)


def _lazy_text(value: Any) -> str:
    # Choice labels are translated when shown (gettext_lazy); anything else is not JSON.
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
