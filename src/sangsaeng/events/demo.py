"""This app's part of the demo data (see sangsaeng.demo.extras): events under 한뿌리 (2018–2019, as the
10-4 card reports them: 상호방문 6회 393명 in 2018, 11회 285명 in 2019) and under 달빛 (2019), and two
indicators of the 10-4 card fed by the visits, so their actuals are the events' count and sum."""

import datetime as dt
from decimal import Decimal

from sangsaeng.demo.extras import DemoContext
from sangsaeng.events import services
from sangsaeng.events.models import Event, IndicatorFeed
from sangsaeng.plans.models import Indicator, IndicatorValue, Plan, Task
from sangsaeng.plans.services import editing_card

V = Event.Kind.VISIT
# (start, title, place, participants): 2018 sums to 393, 2019 to 285.
VISITS = (
    (dt.date(2018, 4, 12), "경북 세계문화유산 현장 방문", "경주 양동마을·안동 하회마을", 72),
    (dt.date(2018, 5, 17), "경북 창조경제혁신센터 방문", "구미 경북창조경제혁신센터", 65),
    (dt.date(2018, 6, 21), "대구 근대화골목 탐방", "대구 중구 근대골목", 68),
    (dt.date(2018, 9, 6), "대구 김광석 거리 현장 방문", "대구 중구 김광석 다시그리기길", 60),
    (dt.date(2018, 10, 18), "경북 백두대간 수목원 방문", "봉화 국립백두대간수목원", 66),
    (dt.date(2018, 11, 22), "대구 스마트시티 현장 방문", "대구 수성알파시티", 62),
    (dt.date(2019, 2, 21), "대구 물산업클러스터 방문", "대구 국가물산업클러스터", 28),
    (dt.date(2019, 3, 14), "경북 도청 신도시 시책 현장 방문", "안동·예천 경북도청 신도시", 26),
    (dt.date(2019, 4, 11), "대구 로봇산업 현장 방문", "대구 로봇산업진흥원", 24),
    (dt.date(2019, 4, 25), "경북 농업기술원 스마트팜 방문", "상주 스마트팜 혁신밸리", 27),
    (dt.date(2019, 5, 16), "대구 의료관광 현장 방문", "대구 메디시티 협의회", 25),
    (dt.date(2019, 6, 13), "경북 해양 관광 현장 방문", "포항 영일대·호미곶", 30),
    (dt.date(2019, 7, 11), "대구 치맥페스티벌 운영 현장 방문", "대구 두류공원", 26),
    (dt.date(2019, 8, 22), "경북 독도 관련 시책 현장 방문", "울릉군 독도박물관", 22),
    (dt.date(2019, 9, 19), "대구 도시철도 3호선 운영 현장 방문", "대구 도시철도공사", 27),
    (dt.date(2019, 10, 17), "경북 산림휴양 시책 현장 방문", "영주 국립산림치유원", 25),
    (dt.date(2019, 11, 14), "대구 공원녹지 시책 현장 방문", "대구 수목원", 25),
)
# (kind, start, title, place, participants, groups, budget 천원)
OTHERS = (
    (
        Event.Kind.SEMINAR,
        dt.date(2018, 7, 20),
        "대구경북 상생 세미나",
        "대구경북연구원",
        120,
        "시·도 공무원, 연구원",
        5_000,
    ),
    (
        Event.Kind.DEBATE,
        dt.date(2018, 10, 2),
        "대구경북 상생 토론회",
        "경북도청 화백당",
        150,
        "시·도의원, 시·도민",
        8_000,
    ),
    (
        Event.Kind.WORKSHOP,
        dt.date(2018, 10, 26),
        "시·도 간부공무원 상생 워크숍",
        "경주 화백컨벤션센터",
        90,
        "시·도 4급 이상",
        12_000,
    ),
    (
        Event.Kind.FORUM,
        dt.date(2018, 10, 31),
        "대구경북 한뿌리 상생 포럼",
        "대구 엑스코",
        300,
        "시·도민, 전문가",
        20_000,
    ),
    (
        Event.Kind.COURSE,
        dt.date(2019, 6, 3),
        "한뿌리상생 공동 교육과정",
        "경북 공무원교육원",
        40,
        "시·도 6급 이하",
        6_000,
    ),
)


def _visits(ctx: DemoContext, task: Task) -> None:
    actor = ctx.users["demo"]
    organizers = [ctx.orgs["대구"], ctx.orgs["경북"]]
    hanppuri = ctx.agreements.get("한뿌리")
    for start, title, place, people in VISITS:
        services.event_save(
            actor=actor,
            event=None,
            data={
                "kind": V,
                "title": f"시책현장 상호방문: {title}",
                "start": start,
                "end": None,
                "place": place,
                "participants": people,
                "participant_groups": "시·도 공무원",
                "budget_used": 1_500,
                "agreement": hanppuri,
                "description": "시·도정 주요 시책 현장을 상대 시·도 공무원이 함께 둘러보고 협력 과제를 논의",
            },
            organizers=organizers,
            tasks=[task],
            base_revision=None,
        )
    for kind, start, title, place, people, groups, budget in OTHERS:
        services.event_save(
            actor=actor,
            event=None,
            data={
                "kind": kind,
                "title": title,
                "start": start,
                "end": None,
                "place": place,
                "participants": people,
                "participant_groups": groups,
                "budget_used": budget,
                "agreement": hanppuri,
                "description": "",
            },
            organizers=organizers,
            tasks=[task],
            base_revision=None,
        )


def _dalbit(ctx: DemoContext) -> None:
    plan = Plan.objects.filter(title="달빛동맹 상생협력").first()
    if plan is None:
        return
    tasks = {t.code: t for t in Task.objects.filter(plan=plan, code__in=["3-2", "4-1"])}
    organizers = [ctx.orgs["대구"], ctx.orgs["광주"]]
    rows = (
        (
            Event.Kind.VISIT,
            dt.date(2019, 9, 7),
            "광주비엔날레·대구 오페라축제 상호 관람 교류",
            "광주비엔날레 전시관",
            120,
            "3-2",
        ),
        (
            Event.Kind.FORUM,
            dt.date(2019, 5, 21),
            "달빛동맹 민간협력 포럼",
            "광주 김대중컨벤션센터",
            180,
            "4-1",
        ),
        (Event.Kind.FAIR, dt.date(2019, 11, 8), "달빛동맹 우수 농특산물 박람회", "대구 엑스코", 2_500, "4-1"),
    )
    for kind, start, title, place, people, code in rows:
        services.event_save(
            actor=ctx.users["demo"],
            event=None,
            data={
                "kind": kind,
                "title": title,
                "start": start,
                "end": None,
                "place": place,
                "participants": people,
                "participant_groups": "대구·광주 시민",
                "budget_used": None,
                "agreement": ctx.agreements.get("달빛"),
                "description": "",
            },
            organizers=organizers,
            tasks=[tasks[code]] if code in tasks else [],
            base_revision=None,
        )


def _fed_indicators(ctx: DemoContext, task: Task) -> None:
    """Two indicators of the 10-4 card counted from its visits: how many, and how many people."""
    actor = ctx.users["demo"]
    specs = (
        ("시책현장 상호방문 횟수", "회", (6, 10, 10, 10, 10), IndicatorFeed.Measure.COUNT),
        ("시책현장 상호방문 인원", "명", (300, 300, 300, 300, 300), IndicatorFeed.Measure.PARTICIPANTS),
    )
    for name, unit, targets, measure in specs:
        with editing_card(task_id=task.pk, actor=actor, action="demo", summary=f"확인지표 「{name}」 추가"):
            indicator = Indicator.objects.create(
                task=task, name=name, unit=unit, order=task.indicators.count(), note="교류행사 연동"
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(indicator=indicator, year=y, target=Decimal(t))
                for y, t in zip(range(2018, 2023), targets, strict=True)
            )
        services.feed_save(
            actor=actor, indicator=indicator, measure=measure, kinds=[V], agreement=None, base_revision=None
        )


def load(ctx: DemoContext) -> None:
    plan = Plan.objects.filter(title="대구·경북 한뿌리 상생협력").first()
    task = Task.objects.filter(plan=plan, code="10-4").first() if plan else None
    if task is not None:
        _visits(ctx, task)
        _fed_indicators(ctx, task)
    _dalbit(ctx)
