"""Whatever the marks, in whatever order, the comparison's counts are its rows, and every task is
accounted for exactly once (hypothesis over generated changes, real database)."""

import contextlib
from collections import Counter

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangsaeng.plans.models import Task
from sangsaeng.versions import services
from sangsaeng.versions.comparison import compare
from sangsaeng.versions.models import Change
from sangsaeng.versions.tests.conftest import Revision

OLD = ["10-4", "2-1", "2-2", "3-1"]
# Each step: (old task, change, index of the merge target / area) or ("add", n)
steps = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(OLD),
            st.sampled_from([c for c in Change.values if c != Change.NEW]),
            st.integers(0, 5),
        ),
        st.tuples(st.just("add"), st.integers(0, 99)),
    ),
    min_size=1,
    max_size=10,
)


def apply(revision: Revision, step: tuple) -> None:
    if step[0] == "add":
        code = f"9-{step[1]}"
        if not revision.new_plan.tasks.filter(code=code).exists():
            services.task_add(
                actor=revision.world.coordinator,
                version=revision.version,
                new=services.NewTask(code=code, title=f"발굴 {code}", area=None, reason="발굴"),
            )
        return
    code, change, pick = step
    tops = list(revision.new_plan.tasks.filter(parent__isnull=True).order_by("sort_key"))
    areas = list(revision.new_plan.areas.order_by("number"))
    kw: dict = {}
    if change == Change.MOVE:
        kw["area"] = areas[pick % len(areas)]
    if change == Change.MERGE:
        kw["merge_into"] = tops[pick % len(tops)] if tops else None
    # Refused marks (same area, merge into itself, a taken code) change nothing.
    with contextlib.suppress(services.RevisionError):
        revision.mark(code, change, reason="사유", **kw)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_property_the_counts_are_the_rows_and_every_task_is_counted_once(
    revision: Revision, steps: list[tuple]
) -> None:
    with transaction.atomic():
        for step in steps:
            apply(revision, step)
        comparison = compare(revision.version)
        rows = comparison.rows
        tally = Counter(row.change for row in rows)
        assert {value: n for value, _, n in comparison.counts} == {c: tally[c] for c in Change.values}
        assert comparison.total == len(rows) == sum(n for _, _, n in comparison.counts)
        old_codes = [t.code for row in rows for t in row.old]
        assert sorted(old_codes) == sorted(OLD)
        new_ids = [row.new.id for row in rows if row.new]
        tops = Task.objects.filter(plan=revision.new_plan, parent__isnull=True)
        assert sorted(new_ids) == sorted(tops.values_list("pk", flat=True))
        for row in rows:
            assert (row.new is None) == (row.change == Change.DROP)
            assert bool(row.old) == (row.change != Change.NEW)
            assert row.recorded
        transaction.set_rollback(True)
