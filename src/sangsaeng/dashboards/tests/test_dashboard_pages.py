"""The dashboard pages through HTTP: who sees which counts, filters in the URL, links to the tasks
behind each figure, and the strict Content Security Policy."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from sangsaeng.accounts.models import Kind, User
from sangsaeng.budgets.models import BudgetEntry
from sangsaeng.conftest import World, make_task, make_user
from sangsaeng.plans.models import Task
from sangsaeng.rounds import services as rounds
from sangsaeng.security.tests.test_content_security_policy import assert_strict

pytestmark = pytest.mark.django_db


def partner_viewer(world: World) -> User:
    viewer = make_user("viewer", world.jeonnam)
    viewer.kind = Kind.PARTNER
    viewer.save(update_fields=["kind"])
    return viewer


def joint_task(world: World) -> Task:
    """A task 전남 takes part in, beside the world's task (경북 leads, 대구 partners)."""
    joint = make_task(world.plan, "10-5", area=world.area, lead=world.policy, status="completed")
    joint.partners.add(world.jeonnam)
    BudgetEntry.objects.create(
        task=joint, source=world.sources[0], kind="planned", bucket="year", year=2019, amount=700
    )
    BudgetEntry.objects.create(
        task=world.task, source=world.sources[0], kind="planned", bucket="year", year=2019, amount=9_000
    )
    return joint


def links(body: str) -> list[str]:
    return [a.replace("&amp;", "&") for a in re.findall(r'href="(/dashboard/tasks/\?[^"]*)"', body)]


def test_it_shows_the_figures_of_every_plan_the_user_may_read(world: World) -> None:
    joint_task(world)
    response = world.client_for(world.coordinator).get("/dashboard/")
    assert response.status_code == 200
    dash = response.context["dash"]
    assert dash.totals.total == 2
    assert dash.totals.by_status["completed"] == 1
    assert str(dash.totals.completion) == "50%"
    assert dash.budget.total.planned == 9_700
    body = response.content.decode()
    assert world.plan.title in body
    assert "(완료 + 이행후계속추진) ÷ 전체 과제 수" in body, "the rates are shown with their definitions"


def test_a_partner_viewers_dashboard_counts_only_the_tasks_they_may_read(world: World) -> None:
    joint = joint_task(world)
    client = world.client_for(partner_viewer(world))
    for url in ("/dashboard/", f"/dashboard/plans/{world.plan.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        dash = response.context["dash"]
        assert dash.totals.total == 1, url
        assert dash.budget.total.planned == 700, url
        assert world.task.title not in response.content.decode()
    listed = client.get("/dashboard/tasks/?level=top").content.decode()
    assert joint.title in listed and world.task.title not in listed


def test_an_outsider_is_refused_a_plans_dashboard_and_sees_nothing_on_the_overview(world: World) -> None:
    client = world.client_for(world.outsider)
    assert client.get(f"/dashboard/plans/{world.plan.pk}/").status_code == 404
    assert client.get(f"/dashboard/tasks/?plan={world.plan.pk}").status_code == 404
    overview = client.get("/dashboard/")
    assert overview.status_code == 200 and overview.context["dash"].totals.total == 0
    assert world.plan.title not in overview.content.decode()
    listed = client.get("/dashboard/tasks/?level=top")
    assert listed.status_code == 200 and world.task.title not in listed.content.decode()
    # Choosing a plan one may not read leads to the refusal, not to its figures.
    chosen = client.get(f"/dashboard/?plan={world.plan.pk}", follow=True)
    assert chosen.status_code == 404


def test_anonymous_users_are_sent_to_log_in(world: World) -> None:
    for url in ("/dashboard/", f"/dashboard/plans/{world.plan.pk}/", "/dashboard/tasks/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_filters_live_in_the_url_and_come_back_selected(world: World) -> None:
    client = world.client_for(world.coordinator)
    chosen = client.get(f"/dashboard/?plan={world.plan.pk}&status=on_track&year=2019&org={world.daegu.pk}")
    assert chosen.status_code == 302
    target = urlsplit(chosen["Location"])
    assert target.path == f"/dashboard/plans/{world.plan.pk}/"
    assert parse_qs(target.query) == {"status": ["on_track"], "year": ["2019"], "org": [str(world.daegu.pk)]}
    response = client.get(chosen["Location"] + f"&area={world.area.pk}&dept={world.policy.pk}")
    filters = response.context["filters"]
    assert (filters.plan, filters.area, filters.status, filters.year) == (
        world.plan.pk,
        world.area.pk,
        "on_track",
        2019,
    )
    assert (filters.organization, filters.department) == (world.daegu.pk, world.policy.pk)
    body = response.content.decode()
    for select, value in (
        ("status", "on_track"),
        ("year", "2019"),
        ("area", world.area.pk),
        ("org", world.daegu.pk),
    ):
        assert re.search(rf'<select id="f-{select}".*?<option value="{value}" selected>', body, re.S), select
    # Every link to the tasks behind a figure keeps the filters.
    for href in links(body):
        params = parse_qs(urlsplit(href).query)
        assert params["plan"] == [str(world.plan.pk)] and params["org"] == [str(world.daegu.pk)], href
    # Nonsense in the URL is ignored, not an error.
    assert client.get("/dashboard/?status=nope&year=abc&org=-1").status_code == 200


def test_every_count_links_to_the_list_of_exactly_the_tasks_it_counts(world: World) -> None:
    joint_task(world)
    sub = make_task(world.plan, "10-4-1", parent=world.task, lead=world.policy, progress=Decimal(50))
    BudgetEntry.objects.create(
        task=sub, source=world.sources[1], kind="secured", bucket="year", year=2020, amount=5
    )
    rounds.round_open(
        actor=world.coordinator,
        plan=world.plan,
        year=2019,
        period_kind="quarter",
        period_number=3,
        due_date=dt.date(2019, 10, 10),
    )
    client = world.client_for(world.coordinator)
    body = client.get(f"/dashboard/plans/{world.plan.pk}/").content.decode()
    checked = 0
    for anchor in re.finditer(r'<a href="(/dashboard/tasks/\?[^"]*)">([\d,]+)</a>', body):
        href, shown = anchor.group(1).replace("&amp;", "&"), int(anchor.group(2).replace(",", ""))
        if "budget=" in href or "indicator=" in href:
            continue  # a sum of money, or of indicator-years: their lists are checked below
        listed = client.get(href)
        assert listed.status_code == 200, href
        assert listed.context["page"].paginator.count == shown, href
        checked += 1
    assert checked > 20
    secured = client.get(f"/dashboard/tasks/?plan={world.plan.pk}&budget=secured").context["page"]
    assert [row["code"] for row in secured] == ["10-4-1"], "the sub-task's own 확보 is behind the sum"
    planned_2019 = client.get(f"/dashboard/tasks/?plan={world.plan.pk}&budget=planned&year=2019").context[
        "page"
    ]
    assert sorted(row["code"] for row in planned_2019) == ["10-4", "10-5"]
    # The world's indicator met its 2018 and 2019 targets: two indicator-years, one task.
    met = client.get(f"/dashboard/tasks/?plan={world.plan.pk}&indicator=met").context["page"]
    assert [row["code"] for row in met] == ["10-4"]
    behind = client.get(f"/dashboard/tasks/?plan={world.plan.pk}&indicator=behind&year=2020").context["page"]
    assert [row["code"] for row in behind] == []


def test_an_officer_sees_the_report_state_of_their_own_tasks_only(world: World) -> None:
    other = make_task(world.plan, "10-6", lead=world.tourism)
    rounds.round_open(
        actor=world.coordinator,
        plan=world.plan,
        year=2019,
        period_kind="quarter",
        period_number=3,
        due_date=dt.date(2019, 10, 10),
    )
    mine = world.client_for(world.officer).get(f"/dashboard/plans/{world.plan.pk}/").context["dash"]
    assert [r.total for r in mine.rounds] == [1]
    everyone = world.client_for(world.coordinator).get(f"/dashboard/plans/{world.plan.pk}/").context["dash"]
    assert [r.total for r in everyone.rounds] == [2]
    assert everyone.rounds[0].overdue == 2, "an open round past its due date"
    listed = world.client_for(world.officer).get(f"/dashboard/tasks/?plan={world.plan.pk}&round=not_started")
    assert other.title not in listed.content.decode()
    viewer = world.client_for(partner_viewer(world)).get("/dashboard/").context["dash"]
    assert viewer.rounds == []


def test_the_pages_keep_the_strict_policy_with_data_passed_as_json(world: World) -> None:
    joint_task(world)
    client = world.client_for(world.coordinator)
    for url in ("/dashboard/", f"/dashboard/plans/{world.plan.pk}/", "/dashboard/tasks/?level=top"):
        response = client.get(url)
        assert_strict(response, url)
        html = response.content.decode()
        scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
        assert all('type="application/json"' in s for s in scripts), f"inline script on {url}: {scripts}"
        assert not re.search(r"\son[a-z]+=", html) and not re.search(r'\sstyle="', html), url
    page = client.get(f"/dashboard/plans/{world.plan.pk}/").content.decode()
    assert '<script src="/static/vendor/chartjs/chart.umd.min.js" defer></script>' in page
    for chart in ("chart-status", "chart-budget", "chart-indicators"):
        assert f'data-chart="{chart}"' in page and f'id="{chart}" type="application/json"' in page


def test_each_chart_has_a_data_table_with_caption_and_scoped_headers(world: World) -> None:
    joint_task(world)
    page = world.client_for(world.coordinator).get(f"/dashboard/plans/{world.plan.pk}/").content.decode()
    for table in ("table-status", "table-budget-year", "table-indicators"):
        found = re.search(rf'<table class="data" id="{table}">(.*?)</table>', page, re.S)
        assert found, table
        assert "<caption>" in found.group(1)
        assert not re.search(r"<th(?=[\s>])(?![^>]*scope=)", found.group(1)), f"{table}: th without scope"
    # 사업이행도 is named in text with its icon, never by colour alone.
    assert '<span class="status__icon" aria-hidden="true">✓</span>완료' in page
