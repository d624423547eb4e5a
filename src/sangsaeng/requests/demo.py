"""This app's part of the demo data (see sangsaeng.demo.extras): a dozen requests between 경북 and its
cities (포항, 경주, 안동, 고령) and between 대구 and 경북, in every state of the life cycle.

Among them: one overdue (a 건의 of 포항 still under review past its deadline), a 사전타당성 검토 above the
thresholds (경주's 350억원 project, with its review report going to the committee), one turned into a
task of the 한뿌리 plan, one on the agenda of the next 한뿌리 committee meeting, a few answered and
rated, a citizen's proposal waiting to be screened. Dates count back from the day the demo is loaded,
so the D-days read the same whenever it is. Every step goes through requests.services.
"""

import datetime as dt
from typing import Any

from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.demo.extras import DemoContext
from sangsaeng.orgs.models import Department
from sangsaeng.plans.models import Area, Plan, Task
from sangsaeng.requests import services
from sangsaeng.requests.defaults import ensure_types
from sangsaeng.requests.models import PartnerRequest, RequestType, Transition

HANPPURI = "대구·경북 한뿌리 상생협력"
EOK = 100_000  # 천원


def _pohang_officer(ctx: DemoContext) -> User:
    """포항시 기획예산과's officer (a demo login): the voice of a city sending requests to the province."""
    return ctx.users["pohang"]


def _spread(req: PartnerRequest, end: dt.date) -> None:
    """Date the steps across the request's real span (the services stamp them with today)."""
    steps = list(req.transitions.order_by("at", "id"))
    span = max((end - req.received_on).days, 0)
    for i, step in enumerate(steps):
        day = req.received_on + dt.timedelta(days=round(span * i / max(len(steps) - 1, 1)))
        at = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + i % 8, 10 * (i % 6))))
        Transition.objects.filter(pk=step.pk).update(at=at)


def _next_code(plan: Plan, area: Area) -> str:
    n = 1
    while Task.objects.filter(plan=plan, code=f"{area.number}-{n}").exists():
        n += 1
    return f"{area.number}-{n}"


def load(ctx: DemoContext) -> None:
    ctx.progress("건의사항 (경북·시군, 대구·경북)")
    today = timezone.localdate()

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    ensure_types(RequestType)
    kinds = {t.name: t for t in RequestType.objects.all()}
    coordinator = ctx.users["demo"]  # 경북 정책기획관, 총괄
    tourism = ctx.users["officer"]  # 경북 관광정책과
    daegu = ctx.users["daegu"]  # 대구 관광과
    pohang = _pohang_officer(ctx)
    gb, dg = ctx.orgs["경북"], ctx.orgs["대구"]

    def dept(org: str, name: str) -> Department:
        return ctx.depts[(org, name)]

    plan = Plan.objects.filter(title=HANPPURI).first()

    def submit(kind: str, by: User | None, days_ago: int, **values: Any) -> PartnerRequest:
        values.setdefault("receiving_org", gb)
        if by is not None and "requester_org" not in values:
            values["requester_org"] = by.organization
        return services.request_submit(
            actor=by, request_type=kinds[kind], received_on=ago(days_ago), **values
        )

    def assign(req: PartnerRequest, department: Department, by: User = coordinator) -> PartnerRequest:
        return services.request_assign(actor=by, req=req, department=department, revision=None)

    def review(req: PartnerRequest, by: User) -> PartnerRequest:
        return services.request_move(actor=by, req=req, to="reviewing", revision=None)

    def answer(
        req: PartnerRequest, by: User, outcome: str, text: str, on: dt.date, reason: str = ""
    ) -> PartnerRequest:
        return services.request_answer(
            actor=by, req=req, outcome=outcome, answer=text, reason=reason, revision=None, answered_on=on
        )

    made: list[tuple[PartnerRequest, dt.date]] = []

    # 1. 포항 → 경북: answered in time, accepted, rated 5, closed.
    r = submit(
        "건의",
        pohang,
        40,
        subject="영일만 횡단고속도로 조기 착공을 위한 공동 건의",
        body="제2차 국가도로망종합계획 반영 이후 예비타당성조사가 지연되고 있어, 도와 시가 함께 국토교통부에 "
        "조기 착공을 건의할 것을 요청합니다.",
        concerned_department=dept("경북", "도로철도과"),
    )
    r = review(assign(r, dept("경북", "도로철도과")), coordinator)
    r = answer(
        r, coordinator, "accepted", "도·시 공동건의문을 작성하여 국토교통부에 제출하기로 하였습니다.", ago(30)
    )
    services.request_rate(
        actor=pohang, req=r, rating=5, comment="신속하게 공동건의를 추진해 주셔서 감사합니다."
    )
    r = services.request_move(actor=coordinator, req=r, to="closed", revision=None)
    made.append((r, ago(28)))

    # 2. 포항 → 경북: overdue (건의, 14 days, received 25 days ago, still under review).
    r = submit(
        "건의",
        pohang,
        25,
        subject="포항 영일대 해수욕장 야간경관 도비 지원 확대",
        body="관광객 증가에 따라 야간경관 조명 확충 사업비의 도비 보조율을 30%에서 50%로 "
        "높여 주실 것을 건의합니다.",
        concerned_department=dept("경북", "관광정책과"),
    )
    r = review(assign(r, dept("경북", "관광정책과")), tourism)
    made.append((r, ago(20)))

    # 3. 경주 → 경북: 사전타당성 검토 above the thresholds, report written, going to the committee.
    r = submit(
        "사전타당성 검토",
        coordinator,
        12,
        requester_org=ctx.orgs["경주"],
        channel="on_behalf",
        requester_name="경주시 문화관광국 관광컨벤션과",
        requester_contact="054-779-6000",
        subject="경주 보문관광단지 국제회의 복합지구 조성",
        body="국제회의 복합지구 지정과 연계한 컨벤션 부대시설 조성 사업(총사업비 350억원, 도비 35억원)의 "
        "사전타당성 검토를 요청합니다.",
        total_cost=350 * EOK,
        provincial_share=35 * EOK,
    )
    r = review(assign(r, dept("경북", "관광정책과")), tourism)
    services.request_record_review(
        actor=tourism,
        req=r,
        report="수요 추정(연 42만 명)과 비용편익비(B/C 1.08)는 적정하나, 운영비 분담 방안 보완이 필요함.",
        committee_on=today + dt.timedelta(days=14),
        committee_result="",
        revision=None,
    )
    made.append((r, ago(3)))

    # 4. 안동 → 경북: 컨설팅 요청 (법령 해석), answered partly, rated 3.
    r = submit(
        "컨설팅 요청",
        coordinator,
        35,
        requester_org=ctx.orgs["안동"],
        channel="on_behalf",
        requester_name="안동시 감사법무담당관",
        subject="보조금 정산 시 이자 반납 기준에 관한 사전 컨설팅",
        body="감사 전 사전컨설팅: 지방보조금법 시행령상 이자 반납 대상에 예치 이자 외 지연이자가 포함되는지 "
        "해석을 요청합니다.",
        consulting_topic="legal",
    )
    r = review(assign(r, dept("경북", "정책기획관")), coordinator)
    r = answer(
        r,
        coordinator,
        "partly",
        "예치 이자는 반납 대상이며, 지연이자는 사업자 귀책 여부에 따라 판단해야 합니다.",
        ago(24),
        reason="지연이자는 개별 사안별 판단이 필요하여 일괄 해석이 어렵습니다.",
    )
    made.append((r, ago(24)))

    # 5. 고령 → 경북: 질의, answered in time.
    r = submit(
        "질의",
        coordinator,
        20,
        requester_org=ctx.orgs["고령"],
        channel="on_behalf",
        requester_name="고령군 기획감사실",
        subject="대가야 역사문화 관광벨트 도비 매칭 비율 질의",
        body="2027년 사업의 도비 매칭 비율이 종전(40%)과 같은지 질의합니다.",
    )
    r = review(assign(r, dept("경북", "문화예술과")), coordinator)
    r = answer(r, coordinator, "accepted", "2027년에도 도비 40%를 유지합니다.", ago(15))
    made.append((r, ago(15)))

    # 6. 대구 → 경북: 건의 turned into a task of the 한뿌리 plan.
    r = submit(
        "건의",
        daegu,
        50,
        subject="대구·경북 관광 통합 할인패스 공동 운영",
        body="대구와 경북의 주요 관광지를 하나의 패스로 할인받는 통합 관광패스를 "
        "공동 운영할 것을 제안합니다.",
        concerned_department=dept("경북", "관광정책과"),
    )
    r = review(assign(r, dept("경북", "관광정책과")), tourism)
    if plan is not None:
        # The plan's 문화관광 area, where its tourism tasks are (3-2 is 경북 관광정책과's).
        tourism_area = Task.objects.get(plan=plan, code="3-2").area
        if tourism_area is None:
            raise ValueError("the demo's task 3-2 has no area")
        services.request_make_task(
            actor=coordinator,
            req=r,
            plan=plan,
            code=_next_code(plan, tourism_area),
            area=tourism_area,
            title="대구·경북 통합 관광패스 공동 운영",
            lead_department=dept("경북", "관광정책과"),
            revision=None,
        )
    r = services.request_move(actor=tourism, req=r, to="in_progress", revision=None)
    r = answer(r, tourism, "accepted", "한뿌리 상생과제로 채택하여 2027년 시범 운영합니다.", ago(38))
    services.request_rate(actor=daegu, req=r, rating=4, comment="과제로 채택되어 다행입니다.")
    made.append((r, ago(36)))

    # 7. 경북 → 대구: 건의 on the agenda of the next 한뿌리 committee meeting.
    r = submit(
        "건의",
        tourism,
        9,
        receiving_org=dg,
        subject="팔공산 국립공원 공동 탐방 프로그램 운영",
        body="국립공원 승격 이후 대구·경북 양쪽 탐방로를 잇는 공동 탐방 프로그램 운영을 건의합니다.",
    )
    r = review(assign(r, dept("대구", "관광과"), by=daegu), daegu)
    _put_on_agenda(r, coordinator)
    made.append((r, ago(2)))

    # 8. 경북 → 대구: 질의, answered rejected with a reason, rated 2.
    r = submit(
        "질의",
        coordinator,
        30,
        receiving_org=dg,
        subject="대구 시내버스 경산·영천 연장 노선 재정 분담 질의",
        body="광역 연장 노선의 손실보전금을 도와 시가 나누는 방식에 대해 대구시의 입장을 질의합니다.",
    )
    r = review(assign(r, dept("대구", "대중교통과"), by=daegu), daegu)
    r = answer(
        r,
        daegu,
        "rejected",
        "현행 협약에 따라 분담 비율을 변경하기 어렵습니다.",
        ago(19),
        reason="2025년 체결한 광역버스 운영 협약의 분담 조항이 2028년까지 유효합니다.",
    )
    services.request_rate(actor=coordinator, req=r, rating=2, comment="협약 개정 논의를 계속 요청합니다.")
    made.append((r, ago(19)))

    # 9. 포항 → 경북: received, not yet assigned.
    r = submit(
        "컨설팅 요청",
        pohang,
        2,
        subject="수소연료전지 발전소 인허가 절차 사전 컨설팅",
        body="감사 전 사전컨설팅: 도시계획시설 결정과 전기사업 허가의 선후 관계에 대한 "
        "절차 자문을 요청합니다.",
        consulting_topic="procedure",
    )
    made.append((r, today))

    # 10. 안동 → 경북: assigned, deadline extended once.
    r = submit(
        "건의",
        coordinator,
        10,
        requester_org=ctx.orgs["안동"],
        channel="on_behalf",
        requester_name="안동시 전략사업과",
        subject="도청 신도시 2단계 공공기관 이전 부지 조기 조성",
        body="2단계 부지 조성 일정을 1년 앞당겨 공공기관 이전 수요에 대응할 것을 건의합니다.",
    )
    r = assign(r, dept("경북", "정책기획관"))
    services.request_extend(
        actor=coordinator,
        req=r,
        new_due=r.due_on + dt.timedelta(days=14),
        reason="관계 실·국(건설도시국) 협의가 필요합니다.",
        revision=None,
    )
    made.append((r, ago(4)))

    # 11. 대구 → 경북: 사전타당성 검토 below the thresholds (the share is under 20억원), in progress.
    r = submit(
        "사전타당성 검토",
        daegu,
        8,
        subject="대구경북 관광안내센터 공동 설치",
        body="동대구역 광장 관광안내센터 공동 설치(총사업비 220억원, 도비 15억원)의 사전검토를 요청합니다.",
        total_cost=220 * EOK,
        provincial_share=15 * EOK,
    )
    r = review(assign(r, dept("경북", "관광정책과")), tourism)
    r = services.request_move(actor=tourism, req=r, to="in_progress", revision=None)
    made.append((r, ago(5)))

    # 12. A citizen's proposal to 경북, waiting to be screened.
    r = services.request_submit(
        actor=None,
        request_type=kinds["건의"],
        subject="도청 신도시 시내버스 출퇴근 시간 증편",
        body="출퇴근 시간 배차 간격이 30분이 넘어 불편합니다. 증편을 제안합니다.",
        receiving_org=gb,
        channel="citizen",
        requester_name="김시민",
        requester_contact="citizen@example.com",
        received_on=ago(1),
    )
    made.append((r, ago(1)))

    for req, end in made:
        _spread(req, end)


def _put_on_agenda(req: PartnerRequest, actor: User) -> None:
    """On the agenda of the coming 한뿌리 committee meeting, when the committees demo has one."""
    from sangsaeng.committees.models import Meeting

    meeting = (
        Meeting.objects.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return
    services.request_put_on_agenda(
        actor=actor,
        req=req,
        meeting=meeting,
        title="팔공산 국립공원 공동 탐방 프로그램 운영(건의)",
        revision=None,
    )
