"""A meeting's budget (자문수당, 다과비, 회의실 대여 …): the one place its amounts and total are computed.

Each line's amount in 천원 follows the budget sheets' rule (lib.figures.cost_line_amount: 단가(원) ×
수량, 천원 미만 절사); the total is the sum of the lines' amounts, as the sheets add them up.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sangsaeng.committees.models import CostLine
from sangsaeng.lib.figures import cost_line_amount


@dataclass(frozen=True)
class CostRow:
    line: CostLine
    amount: int  # 천원


@dataclass(frozen=True)
class MeetingBudget:
    rows: list[CostRow]
    total: int  # 천원


def meeting_budget(lines: Iterable[CostLine]) -> MeetingBudget:
    rows = [CostRow(line, cost_line_amount(line.unit_price, line.quantity)) for line in lines]
    return MeetingBudget(rows=rows, total=sum(r.amount for r in rows))
