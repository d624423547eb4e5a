"""A meeting's budget: 원 × quantity → 천원 by the budget sheets' rule, totalled in one place."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sangsaeng.committees.budget import meeting_budget
from sangsaeng.committees.models import CostLine
from sangsaeng.committees.tests.factory import make_committee, make_meeting
from sangsaeng.conftest import World


def test_amounts_truncate_below_a_thousand_won_and_the_total_adds_the_lines() -> None:
    lines = [
        CostLine(item="자문수당", unit_price=150_000, quantity=Decimal(7)),  # 1,050천원
        CostLine(item="다과비", unit_price=8_500, quantity=Decimal(33)),  # 280,500원 → 280천원
        CostLine(item="회의실 대여", unit_price=250_000, quantity=Decimal("0.5")),  # 125천원
    ]
    budget = meeting_budget(lines)
    assert [r.amount for r in budget.rows] == [1050, 280, 125]
    assert budget.total == 1455


@pytest.mark.django_db
def test_the_budget_form_adds_a_line_and_keeps_input_on_errors(world: World) -> None:
    meeting = make_meeting(world, make_committee(world))
    client = world.client_for(world.coordinator)
    url = reverse("committees:cost_add", args=[meeting.pk])
    response = client.post(url, {"item": "다과비", "unit_price": "8천", "quantity": "30"})
    body = response.content.decode()
    assert response.status_code == 422 and "원 단위 숫자로" in body and 'value="다과비"' in body
    assert (
        client.post(
            url, {"item": "다과비", "unit_price": "8,000", "quantity": "30", "unit": "명"}
        ).status_code
        == 302
    )
    page = client.get(reverse("committees:meeting", args=[meeting.pk])).content.decode()
    assert "8,000원 × 30명" in page and 'id="budget-total">240<' in page
