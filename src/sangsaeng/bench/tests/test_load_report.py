"""The load report: goals judged from measured numbers, the Markdown table, loopback only.

No server and no load tool run here; the numbers are made up and only the arithmetic is checked.
"""

from pathlib import Path
from typing import Any

import pytest

from sangsaeng.bench.load import (
    CpuSample,
    LoadError,
    Options,
    Runner,
    check_loopback,
    cpu_share,
    descendants,
    to_markdown,
)


def run(p50: float, p95: float, non200: int = 0) -> dict[str, Any]:
    return {
        "connections": 8,
        "seconds": 10.0,
        "requests": 1000,
        "rps": 100.0,
        "p50_ms": p50,
        "p90_ms": p95,
        "p95_ms": p95,
        "p99_ms": p95 * 2,
        "mean_ms": p50,
        "max_ms": p95 * 3,
        "non200": non200,
        "errors": 0,
        "kb_per_response": 10.0,
    }


def snapshot(queries: dict[str, int]) -> dict[str, Any]:
    return {
        "queries": queries,
        "counts": {
            k: 1
            for k in [
                "organizations",
                "departments",
                "users",
                "agreements",
                "plans",
                "tasks",
                "indicators",
                "indicator_values",
                "budget_entries",
                "activities",
                "audit_logs",
            ]
        },
        "database": {"vendor": "postgresql", "version": "PostgreSQL 15", "size_bytes": 5 * 1024 * 1024},
        "targets": {"username": "coord0001", "task_label": "1-1 과제", "indicators": 12, "activities": 80},
        "seed": {"scale": "national", "seconds": 200.0},
    }


def test_it_judges_each_goal_from_the_measured_numbers(tmp_path: Path) -> None:
    runner = Runner(Options(out=tmp_path, connections=(1, 8)), say=lambda _m: None)
    urls = {"floor": "/healthz", "card": "/tasks/1/", "plan": "/plans/1/"}
    runs = {
        "floor": {"1": run(2.0, 3.0), "8": run(10.0, 20.0)},
        "card": {"1": run(5.0, 8.0), "8": run(40.0, 200.0)},
        "plan": {"1": run(4.0, 6.0), "8": run(20.0, 60.0, non200=3)},
    }
    main = snapshot({"floor": 1, "card": 22, "plan": 11})
    main["card_shapes"] = {
        "indicators, 예산과목": {"task_id": 1, "queries": 22},
        "indicators, no 예산과목": {"task_id": 9, "queries": 21},
    }
    main["targets"]["shape"] = "indicators, 예산과목"
    demo = snapshot({"floor": 1, "card": 21, "plan": 10})
    demo["targets"]["shape"] = "indicators, no 예산과목"
    report = runner.report(main, demo, urls, runs, {"floor": 60, "card": 200_000, "plan": 90_000})
    goals = {(g["page"], g["goal"]): g for g in report["goals"]}
    assert not goals[("card", "p95 ≤ 150 ms at 8 connections")]["met"]
    assert not goals[("plan", "p95 ≤ 150 ms at 8 connections")]["met"], "non-200 answers fail the goal"
    assert goals[("card", "p50 ≤ 3× floor at 1 connection(s)")]["value"] == 2.5
    assert not goals[("card", "p50 ≤ 3× floor at 8 connection(s)")]["met"]
    assert goals[("card", "same query count at demo and national scale")]["met"]
    assert not goals[("plan", "same query count at demo and national scale")]["met"]
    assert not report["all_goals_met"]
    assert report["scale"] == "national"

    runner.write(report)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"{report['date'][:10]}-postgresql-national.{ext}" for ext in ("json", "md")]
    markdown = to_markdown(report)
    assert "| 관리카드 `/tasks/1/` | 21 → 21 (22 here: indicators, 예산과목) | 195 |" in markdown
    assert "indicators, no 예산과목: 21" in markdown
    assert "100.0 (3 unexpected)" in markdown
    assert "**MISSED**: card: p95 ≤ 150 ms at 8 connections (200.0)" in markdown


@pytest.mark.parametrize(
    "url",
    [
        "postgres://postgres@127.0.0.1:5432/sangsaeng_bench",
        "postgres://postgres@localhost/x",
        "sqlite:////tmp/x.sqlite3",
    ],
)
def test_it_accepts_databases_on_this_machine(url: str) -> None:
    check_loopback(url)


@pytest.mark.parametrize("url", ["postgres://postgres@10.0.0.5:5432/db", "postgres://u@db.example.go.kr/db"])
def test_it_refuses_a_database_anywhere_else(url: str) -> None:
    with pytest.raises(LoadError, match=r"127\.0\.0\.1"):
        check_loopback(url)


def test_it_counts_only_other_processes_cpu_as_disturbance() -> None:
    before = CpuSample(
        busy=100.0, table={1: ("gunicorn", 0, 5.0), 2: ("postgres", 0, 1.0), 3: ("pytest", 0, 2.0)}
    )
    after = CpuSample(
        busy=120.0,  # 20 CPU-seconds busy in 10 s: the two CPUs were full
        table={1: ("gunicorn", 0, 15.0), 2: ("postgres", 0, 4.0), 3: ("pytest", 0, 4.0), 4: ("make", 3, 1.0)},
    )
    share = cpu_share(before, after, mine={1}, wall=10.0, reaped=1.0)
    # 20 busy - 10 ours - 1 wrk (reaped) - 3 postgres = 6 CPU-seconds of others in 10 s.
    assert (share.others, share.postgres) == (0.6, 0.3)
    assert descendants(3, after.table) == {3, 4}
