"""Roll-ups hold whatever the tree and whatever the order of edits and deletes (hypothesis, real DB)."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sangsaeng.conftest import World
from sangsaeng.lib import figures
from sangsaeng.plans.models import Task
from sangsaeng.plans.services import editing_card, task_create, task_delete

progress = st.decimals(min_value=0, max_value=100, places=2)
weight = st.decimals(min_value=0, max_value=50, places=2)
# Each step: ("add", parent index, progress, weight) | ("edit", node index, progress) | ("delete", node index)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 20), progress, weight),
        st.tuples(st.just("edit"), st.integers(0, 20), progress),
        st.tuples(st.just("delete"), st.integers(1, 20)),
    ),
    min_size=1,
    max_size=12,
)


def assert_rolled_up(root: Task) -> None:
    for node in Task.objects.filter(plan=root.plan):
        children = list(node.children.values_list("progress", "weight"))
        if children:
            assert node.progress == figures.rollup_progress(children, node.rollup), node.code
        assert Decimal(0) <= node.progress <= Decimal(100)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps, method=st.sampled_from(["average", "weighted"]))
def test_property_every_parent_equals_the_rollup_of_its_children(
    world: World, steps: list[tuple], method: str
) -> None:
    Task.objects.filter(pk=world.task.pk).update(rollup=method)
    root = Task.objects.get(pk=world.task.pk)
    Task.objects.filter(plan=world.plan).exclude(pk=root.pk).delete()
    counter = 0
    for step in steps:
        nodes = list(Task.objects.filter(plan=world.plan).order_by("pk"))
        if step[0] == "add":
            parent = nodes[step[1] % len(nodes)]
            counter += 1
            task_create(
                actor=None,
                plan=world.plan,
                parent=parent,
                code=f"p{counter}",
                title="x",
                progress=step[2],
                weight=step[3],
                rollup=method,
            )
        elif step[0] == "edit":
            node = nodes[step[1] % len(nodes)]
            if not node.children.exists():
                with editing_card(task_id=node.pk, actor=None, action="edit", summary="진도율") as change:
                    Task.objects.filter(pk=change.task.pk).update(progress=step[2])
        elif len(nodes) > 1:
            victim = nodes[1:][step[1] % (len(nodes) - 1)]
            task_delete(actor=None, task=victim)
        assert_rolled_up(root)
