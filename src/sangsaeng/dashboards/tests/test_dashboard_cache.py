"""The dashboard's figures are kept between requests, and never outlive a change to the data."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task
from sangsaeng.plans.models import Status
from sangsaeng.plans.services import editing_card, task_delete

pytestmark = pytest.mark.django_db


def _dashboard(world: World) -> tuple[dict[str, int], int]:
    """The plan dashboard's count of top-level tasks by status, and the queries it took."""
    client = world.client_for(world.coordinator)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/dashboard/plans/{world.plan.pk}/")
    assert response.status_code == 200
    return dict(response.context["dash"].totals.by_status), len(ctx.captured_queries)


def test_a_second_visit_reads_the_figures_from_the_cache_even_after_a_sign_in(world: World) -> None:
    # Each visit signs in anew (world.client_for): account events leave the figures valid.
    first, first_queries = _dashboard(world)
    second, second_queries = _dashboard(world)
    assert second == first
    assert second_queries <= first_queries - 6


def test_a_card_change_shows_on_the_next_visit(world: World) -> None:
    before, _ = _dashboard(world)
    assert before[Status.DROPPED] == 0
    with editing_card(task_id=world.task.pk, actor=world.coordinator, action="edit", summary="폐기") as card:
        card.task.status = Status.DROPPED
        card.task.save(update_fields=["status"])
    after, _ = _dashboard(world)
    assert after[Status.DROPPED] == 1 and sum(after.values()) == sum(before.values())


def test_deleting_a_task_shows_on_the_next_visit(world: World) -> None:
    extra = make_task(world.plan, "11-1", area=world.area, lead=world.policy, progress=Decimal(50))
    before, _ = _dashboard(world)
    task_delete(actor=world.coordinator, task=extra)
    after, _ = _dashboard(world)
    assert sum(after.values()) == sum(before.values()) - 1


def test_an_outsider_never_gets_anothers_cached_figures(world: World) -> None:
    _dashboard(world)
    outsider = world.client_for(world.outsider)
    assert outsider.get(f"/dashboard/plans/{world.plan.pk}/").status_code == 404
    response = outsider.get("/dashboard/")
    assert sum(response.context["dash"].totals.by_status.values()) == 0


def test_the_kept_figures_follow_the_money_unit_and_the_language(world: World) -> None:
    BudgetEntry.objects.create(
        task=world.task, source=world.sources[0], kind="planned", bucket="year", year=2019, amount=150_000
    )
    client = world.client_for(world.coordinator)
    url = f"/dashboard/plans/{world.plan.pk}/"
    cheonwon = client.get(url + "?unit=cheonwon").context["figures_html"]
    eok = client.get(url + "?unit=eok").context["figures_html"]
    assert "150,000" in cheonwon and "1.5" in eok
    assert client.get(url + "?unit=cheonwon").context["figures_html"] == cheonwon
    client.post("/i18n/setlang/", {"language": "en", "next": url})
    english = client.get(url + "?unit=cheonwon").context["figures_html"]
    assert english != cheonwon and "Implementation status" in english


def test_the_department_filter_follows_a_change_of_lead_department(world: World) -> None:
    client = world.client_for(world.coordinator)
    url = f"/dashboard/plans/{world.plan.pk}/"

    def choices() -> list[str]:
        html = client.get(url).context["filters_html"]
        return re.findall(r'<option value="(\d+)"', html.split('id="f-dept"')[1].split("</select>")[0])

    assert choices() == [str(world.policy.pk)]
    change = editing_card(task_id=world.task.pk, actor=world.coordinator, action="edit", summary="주관부서")
    with change as card:
        card.task.lead_department = world.tourism
        card.task.save(update_fields=["lead_department"])
    assert choices() == [str(world.tourism.pk)]
    assert f'<option value="{world.tourism.pk}">경북 관광정책과</option>' in client.get(url).content.decode()


def test_a_kept_page_asks_only_for_the_user_the_plan_and_the_key(world: World) -> None:
    client = world.client_for(world.coordinator)
    url = f"/dashboard/plans/{world.plan.pk}/"
    first = client.get(url).context
    with CaptureQueriesContext(connection) as ctx:
        again = client.get(url).context
    # Session and user, the plan's access check, the visible plans and the newest change.
    assert len(ctx.captured_queries) <= 6
    assert (again["filters_html"], again["figures_html"]) == (first["filters_html"], first["figures_html"])
