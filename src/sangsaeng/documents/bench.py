"""`sangsaeng bench booklet`: how long the booklet of a large plan takes to typeset.

The cards are synthesized in memory (no database): realistic CardStates built from the bench seed's
word lists, shaped like the demo 한뿌리 card (header, goal, outline, budget of four sources, a numeric
and a milestone indicator, a dozen dated activities with details, an ordinance now and then,
problems and next steps), so a card fills about two A4 pages. They then go the way a real booklet
goes: compute_card → card_doc → Typst source → PDF.
"""

import datetime as dt
import importlib.util
import os
import platform
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from sangsaeng.bench import names
from sangsaeng.documents import hwpx_doc, pdf
from sangsaeng.documents.card_doc import CardDoc, card_doc
from sangsaeng.lib.money import UNIT_LABELS, Unit
from sangsaeng.plans.card import compute_card
from sangsaeng.plans.card_state import CardState
from sangsaeng.plans.models import Status

TERM = list(range(2022, 2027))
SOURCES = [
    {"id": 1, "name": "국비", "is_national": True},
    {"id": 2, "name": "도비", "is_national": False},
    {"id": 3, "name": "시군비", "is_national": False},
    {"id": 4, "name": "민자등", "is_national": False},
]
ORGS = ("경상북도", "대구광역시")
TARGET_SECONDS = 5.0


def _fill(rng: random.Random, template: str, topic: str, year: int) -> str:
    return template.format(
        topic=topic,
        topic_object=topic + "을",
        action=rng.choice(names.ACTIONS),
        orgs="대구·경북",
        orgs_subject="대구와 경북이",
        partner="대구·경북",
        partner_with="대구시와",
        ministry=rng.choice(names.MINISTRIES),
        n=rng.randint(20, 400),
        money=rng.randint(50, 900),
        year=year,
        month=rng.randint(1, 12),
        month2=rng.randint(1, 12),
        day=rng.randint(1, 28),
        hour=rng.randint(9, 17),
        place="경북도" + rng.choice(names.PLACES),
    )


def _tree(rng: random.Random, items: Any, topic: str, year: int) -> list[dict[str, Any]]:
    return [
        {
            "text": _fill(rng, head, topic, year),
            "children": [{"text": _fill(rng, c, topic, year), "children": []} for c in children],
        }
        for head, children in items
    ]


def synthetic_state(index: int, rng: random.Random) -> CardState:
    topic, indicator, unit, (low, high) = rng.choice(names.TOPICS)
    area_number = index % len(names.AREAS)
    code = f"{area_number + 1}-{index // len(names.AREAS) + 1}"
    budget = []
    for source in SOURCES[: rng.randint(2, 4)]:
        for kind, share in (("planned", 1.0), ("secured", rng.uniform(0.3, 0.9))):
            before = int(rng.randint(1, 30) * 10_000 * share)
            budget.append(
                {"source_id": source["id"], "kind": kind, "bucket": "before", "year": None, "amount": before}
            )
            for year in TERM:
                amount = int(rng.randint(1, 40) * 10_000 * share) if (kind == "planned" or year < 2025) else 0
                if amount:
                    budget.append(
                        {
                            "source_id": source["id"],
                            "kind": kind,
                            "bucket": "year",
                            "year": year,
                            "amount": amount,
                        }
                    )
    activities = []
    for i in range(rng.randint(10, 16)):
        start = dt.date(rng.choice(TERM[:4]), rng.randint(1, 12), rng.randint(1, 28))
        details = [
            {"text": _fill(rng, t, topic, start.year), "children": []}
            for t in rng.sample(names.DETAILS, rng.randint(1, 3))
        ]
        activities.append(
            {
                "id": index * 100 + i,
                "start": start,
                "start_precision": rng.choice(("day", "day", "day", "month")),
                "text": _fill(rng, rng.choice(names.EVENTS), topic, start.year),
                "details": details,
                "participants": rng.choice((None, None, rng.randint(10, 300))),
            }
        )
    targets = [rng.randint(low, high) for _ in TERM]
    legislation = []
    if rng.random() < 0.3:
        legislation.append(
            {
                "id": index,
                "name": f"경상북도 {topic} 지원 조례",
                "bill_kind": "일부개정조례안",
                "proposed_on": dt.date(2023, 3, 2),
                "committee_on": dt.date(2023, 3, 15),
                "plenary_on": dt.date(2023, 3, 28),
                "promulgated_on": dt.date(2023, 4, 10),
            }
        )
    return CardState.model_validate(
        {
            "id": index + 1,
            "plan_id": 1,
            "plan_title": "대구·경북 상생발전 중장기 추진계획",
            "term_years": TERM,
            "area": f"{area_number + 1}. {names.AREAS[area_number]}",
            "code": code,
            "title": f"{topic} {rng.choice(names.ACTIONS)}",
            "status": rng.choice(Status.values),
            "progress": Decimal(rng.randint(0, 100)),
            "implementer": rng.choice(("자체", "공동", "위탁")),
            "term_class": "in_term",
            "novelty": rng.choice(("new", "continuing", "both")),
            "budget_class": "budget",
            "lead_department": {"id": 1, "name": rng.choice(names.DIVISIONS)},
            "lead_organization": rng.choice(ORGS),
            "central_coop": rng.choice(names.MINISTRIES),
            "partners": [{"id": 2, "name": "대구광역시"}],
            "goal": _fill(rng, rng.choice(names.GOALS), topic, 2022),
            "term_indicator": f"{indicator} {sum(targets):,}{unit}, 공동 추진체계 구축",
            "contacts": [
                {"role": "담당자", "name": rng.choice(names.FAMILY) + "상생", "phone": "053-880-2147"}
            ],
            "texts": {
                "outline": _tree(rng, rng.sample(names.OUTLINE, 3), topic, 2022),
                "problems": _tree(rng, rng.sample(names.PROBLEMS, 2), topic, 2024),
                "next_steps": _tree(rng, rng.sample(names.NEXT_STEPS, 2), topic, 2025),
            },
            "indicators": [
                {
                    "id": index * 10 + 1,
                    "name": indicator,
                    "kind": "numeric",
                    "unit": unit,
                    "values": [
                        {
                            "year": y,
                            "target": t,
                            "actual": int(t * rng.uniform(0.4, 2.4)) if y < 2025 else None,
                        }
                        for y, t in zip(TERM, targets, strict=True)
                    ],
                },
                {
                    "id": index * 10 + 2,
                    "name": f"{topic} 협력체계 구축",
                    "kind": "milestone",
                    "term_plan_text": "협약 체결 및 공동 추진단 운영",
                    "values": [
                        {
                            "year": 2022,
                            "plan_text": "업무협약 체결",
                            "actual_text": "협약 체결 완료",
                            "achieved_on": dt.date(2022, rng.randint(3, 11), rng.randint(1, 28)),
                        },
                        {
                            "year": 2023,
                            "plan_text": "공동 추진단 구성",
                            "actual_text": "추진단 구성",
                            "achieved": True,
                        },
                        {"year": 2024, "plan_text": "성과 평가"},
                    ],
                },
            ],
            "sources": SOURCES,
            "budget": budget,
            "activities": activities,
            "legislation": legislation,
        }
    )


def synthetic_docs(count: int, unit: Unit = "cheonwon", seed: int = 2026) -> list[CardDoc]:
    rng = random.Random(seed)  # noqa: S311  # nosec B311: test data, not secrets
    states = [synthetic_state(i, rng) for i in range(count)]
    states.sort(key=lambda s: (s.area, [int(p) for p in s.code.split("-")]))
    return [card_doc(compute_card(s), unit) for s in states]


@dataclass
class Result:
    cards: int
    pages: int
    size: int
    prepare: float
    typst_runs: list[float]
    typst_cpu: list[float]
    hwpx: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def typst_median(self) -> float:
        return statistics.median(self.typst_runs)


def run(
    *, cards: int, repeat: int, unit: Unit, hwpx: bool, out_pdf: Path | None, log: Callable[[str], None]
) -> Result:
    start = time.perf_counter()
    docs = synthetic_docs(cards, unit)
    prepare = time.perf_counter() - start
    log(f"카드 {cards}장 준비 (compute_card + card_doc): {prepare:.2f}초")
    plan = "대구·경북 상생발전 중장기 추진계획"
    info = pdf.BookletInfo(
        plan, "2022 ~ 2026", " · ".join(ORGS), str(UNIT_LABELS[unit]), timezone.localdate()
    )
    runs, cpu, data = [], [], b""
    for i in range(repeat):
        wall, proc = time.perf_counter(), time.process_time()
        data = pdf.booklet_pdf(info, docs)
        runs.append(time.perf_counter() - wall)
        cpu.append(time.process_time() - proc)
        log(f"  Typst {i + 1}/{repeat}: {runs[-1]:.2f}초 (CPU {cpu[-1]:.2f}초)")
    result = Result(cards, pdf.page_count(data), len(data), prepare, runs, cpu)
    if out_pdf:
        out_pdf.write_bytes(data)
    if hwpx:
        wall = time.perf_counter()
        hwpx_doc.booklet_hwpx(info, docs)
        result.hwpx = time.perf_counter() - wall
        log(f"  HWPX: {result.hwpx:.2f}초")
    if importlib.util.find_spec("weasyprint") is None:
        result.notes.append(
            "WeasyPrint는 설치되어 있지 않아 재지 않았습니다 (이슈의 참고치: 약 2쪽/초, 220쪽이면 약 110초)."
        )
    return result


def report(result: Result, *, load: str) -> str:
    per_page = result.typst_median / max(result.pages, 1)
    verdict = "충족" if result.typst_median + result.prepare <= TARGET_SECONDS else "미달"
    lines = [
        f"# 관리카드 책자 조판 시간 ({timezone.localdate().isoformat()})",
        "",
        "`sangsaeng bench booklet` 결과. 카드는 메모리에서 만든 합성 카드(시연 한뿌리 카드와 같은 구성)이며,",
        "실제 책자와 같은 경로(compute_card → card_doc → Typst 원문 → PDF)를 거칩니다.",
        "",
        "| 항목 | 값 |",
        "| --- | --- |",
        f"| 카드 | {result.cards}장 |",
        f"| 쪽 | {result.pages}쪽 (표지·목차·총괄표 포함) |",
        f"| PDF 크기 | {result.size / 1024 / 1024:.1f} MB |",
        f"| 카드 준비 (계산·서식) | {result.prepare:.2f}초 |",
        f"| Typst 조판 (중앙값, {len(result.typst_runs)}회) | {result.typst_median:.2f}초 "
        f"(최소 {min(result.typst_runs):.2f}초, 최대 {max(result.typst_runs):.2f}초) |",
        f"| Typst CPU 시간 (중앙값) | {statistics.median(result.typst_cpu):.2f}초 |",
        f"| 쪽당 | {per_page * 1000:.0f} ms ({result.pages / result.typst_median:.0f}쪽/초) |",
        f"| 목표 (준비 + 조판 ≤ {TARGET_SECONDS:.0f}초) | {verdict} "
        f"({result.prepare + result.typst_median:.2f}초) |",
    ]
    if result.hwpx is not None:
        lines.append(f"| HWPX 책자 (python-hwpx, 참고) | {result.hwpx:.2f}초 |")
    lines += [
        "",
        "비교 (이슈의 참고치): WeasyPrint 약 2쪽/초, Typst 225쪽 1.4초.",
        *(f"- {note}" for note in result.notes),
        "",
        "## 측정 환경",
        "",
        f"- {platform.platform()}, Python {platform.python_version()}, CPU {os.cpu_count()}개",
        f"- 측정 시작 때 부하 (1·5·15분 평균): {load}",
        "- 글꼴: 패키지에 든 Pretendard GOV (OTF) 2종, 시스템 글꼴 없음",
    ]
    return "\n".join(lines) + "\n"


def load_average() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "-"
