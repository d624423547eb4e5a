"""The generated benchmark data is consistent: roll-ups, first revisions, budget cells, pages."""

import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client, override_settings

from sangsaeng.audit.models import AuditLog
from sangsaeng.bench import measure
from sangsaeng.bench.seed import (
    BENCH_PASSWORD,
    SEED_ACTION,
    SeedError,
    SeedSummary,
    last_seed,
    seed,
)
from sangsaeng.budgets.models import Bucket, BudgetEntry
from sangsaeng.lib import figures
from sangsaeng.plans.card_state import CardState, load_state
from sangsaeng.plans.models import Activity, Task

MD5 = ["django.contrib.auth.hashers.MD5PasswordHasher"]

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def small(django_db_setup: None, django_db_blocker: Any) -> Iterator[SeedSummary]:
    """The small scale, seeded once per module inside a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=MD5), transaction.atomic():
        summary = seed("small", progress=lambda _message: None)
        yield summary
        transaction.set_rollback(True)


def test_it_seeds_the_small_scale_with_counts_and_a_login(small: SeedSummary) -> None:
    assert small.counts["plans"] == 3
    assert small.counts["tasks"] == 60
    assert small.counts["organizations"] == 9
    assert small.counts["departments"] == 60
    assert small.counts["indicator_values"] == 5 * small.counts["indicators"]
    assert small.counts["activities"] > 30
    assert small.coordinator == "coord0001"
    recorded = last_seed()
    assert recorded is not None and (recorded["scale"], recorded["tasks"]) == ("small", 60)
    assert any("coord0001" in line for line in small.lines())


def test_it_stores_every_parent_progress_as_the_roll_up_of_its_children(small: SeedSummary) -> None:
    parents = Task.objects.filter(children__isnull=False).distinct().prefetch_related("children")
    assert parents.count() >= 3
    assert Task.objects.filter(parent__parent__isnull=False).exists(), "sub-tasks two levels deep"
    for parent in parents:
        children = [(c.progress, c.weight) for c in parent.children.all()]
        assert parent.progress == figures.rollup_progress(children, parent.rollup), parent.code


def test_it_gives_every_card_revision_1_and_the_state_record_initial_state_would(small: SeedSummary) -> None:
    tasks = list(Task.objects.all())
    assert {t.revision for t in tasks} == {1}
    logs = {log.task_id: log for log in AuditLog.objects.filter(task__isnull=False)}
    assert set(logs) == {t.pk for t in tasks}
    for task in tasks:
        log = logs[task.pk]
        assert (log.revision, log.action, log.plan_id) == (1, "create", task.plan_id)
        state = CardState.from_json(log.state)
        assert state.revision == 1
        # The same JSON as plans.services.record_initial_state writes: the state loaded now.
        assert log.state == load_state(task.pk).to_json()
        assert log.changes, "the first row lists every input as a change from nothing"
    assert AuditLog.objects.filter(action=SEED_ACTION).count() == 1


def test_it_keeps_budget_cells_within_the_model_constraints(small: SeedSummary) -> None:
    entries = list(BudgetEntry.objects.select_related("task__plan", "source"))
    assert entries
    cells = set()
    for entry in entries:
        assert (entry.bucket == Bucket.YEAR) == (entry.year > 0)
        if entry.bucket == Bucket.YEAR:
            assert entry.year in entry.task.plan.term_years
        assert isinstance(entry.amount, int) and entry.amount > 0
        assert entry.source.plan_id == entry.task.plan_id
        cells.add((entry.task_id, entry.source_id, entry.kind, entry.bucket, entry.year))
        entry.validate_constraints()
    assert len(cells) == len(entries)
    # Secured never exceeds planned, executed never exceeds secured, cell by cell.
    amount = {_cell(e): e.amount for e in entries}
    for (task, source, kind, bucket, year), value in amount.items():
        above = {"secured": "planned", "executed": "secured"}.get(kind)
        if above:
            assert value <= amount[(task, source, above, bucket, year)]


def _cell(e: BudgetEntry) -> tuple[int, int, str, str, int]:
    return (e.task_id, e.source_id, e.kind, e.bucket, e.year)


def test_it_answers_the_plan_and_card_pages_for_a_coordinator(small: SeedSummary) -> None:
    client = Client()
    assert client.login(username=small.coordinator, password=BENCH_PASSWORD)
    targets = measure.pick_targets()
    assert targets.username == small.coordinator
    assert (targets.indicators, targets.activities) == (12, 80)
    for key, url in targets.urls.items():
        response = client.get(url)
        assert response.status_code == measure.expected_status(key), url
    card = client.get(targets.urls["card"]).content.decode()
    task = Task.objects.get(pk=targets.task_id)
    assert task.title in card
    assert Activity.objects.filter(task=task).first().text.split(" / ")[0][:20] in card


def test_it_counts_queries_per_page_as_json(small: SeedSummary) -> None:
    out = StringIO()
    call_command("bench", "queries", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data["queries"]) == {key for key, _ in measure.PAGES}
    assert data["queries"]["floor"] == 1
    assert all(isinstance(n, int) and n > 0 for n in data["queries"].values())
    assert data["counts"]["tasks"] == 60
    assert data["seed"]["scale"] == "small"


def test_it_refuses_a_database_that_has_plans_unless_forced(small: SeedSummary) -> None:
    with pytest.raises(SeedError, match="--force"):
        seed("small", progress=lambda _m: None)
    with pytest.raises(CommandError, match="--force"):
        call_command("bench", "seed", "--scale", "small", stdout=StringIO())
    with override_settings(PASSWORD_HASHERS=MD5):
        again = seed("small", force=True, seed_value=7, progress=lambda _m: None)
    assert again.counts["plans"] == 6
    assert again.counts["organizations"] == 9, "governments are reused by name"
    assert again.coordinator == "coord0004"
