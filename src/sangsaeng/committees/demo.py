"""This app's part of the demo data (see sangsaeng.demo.extras): the 대구경북한뿌리상생위원회.

A joint committee of 대구 and 경북 (co-chaired by the mayor and the governor, meeting twice a year)
with four working subcommittees, one per policy area group. Its 2019 meetings: the first half's
(2019. 3. 28., 경북 hosting) adopted task 4-10 and changed 2-6; the second half's (2019. 11. 13., 대구
hosting) dropped 2-7 and 4-4 and approved the 2020 revision of the plan (the versions demo builds it
from that decision). Both minutes are finalized and every decision applied through the services, so
the task histories show the decisions. A subcommittee meeting has draft minutes under review, and one
meeting is coming up three weeks from the day the demo is loaded.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from sangsaeng.accounts.models import User
from sangsaeng.committees import decisions, services
from sangsaeng.committees.models import Attendance, Committee, Decision, Meeting, Membership
from sangsaeng.demo.extras import DemoContext
from sangsaeng.plans.models import Area, Plan, Status, Task

HANPPURI = "대구·경북 한뿌리 상생협력"
JOINT = "대구경북한뿌리상생위원회"
# (name, areas, cadence count per month)
SUBCOMMITTEES = (
    ("상생기반분과", (1,), 2),
    ("경제산업분과", (2,), 2),
    ("문화관광분과", (3,), 2),
    ("생활환경분과", (4, 5), 2),
)
# (name, side, role, affiliation, position, account username)
JOINT_MEMBERS = (
    ("대구광역시장", "inside", "co_chair", "대구광역시", "시장", ""),
    ("경상북도지사", "inside", "co_chair", "경상북도", "도지사", ""),
    ("김정훈", "inside", "secretary", "경상북도", "정책기획관", "demo"),
    ("이수진", "inside", "member", "대구광역시", "관광과 주무관", "daegu"),
    ("박민호", "outside", "member", "대구경북연구원", "선임연구위원", ""),
    ("최윤희", "outside", "member", "경북대학교", "행정학부 교수", ""),
    ("정다운", "outside", "member", "대구경실련", "사무처장", ""),
    ("한상우", "outside", "member", "영남대학교", "지역개발학과 교수", ""),
)
SUB_MEMBERS = (
    ("outside", "sub_chair", "교수"),
    ("outside", "member", "연구위원"),
    ("inside", "secretary", "담당 사무관"),
    ("inside", "member", "팀장"),
)
SUB_NAMES = (
    ("오세훈", "남궁민", "서지원", "조현우"),
    ("윤재석", "강하늘", "임수빈", "배성민"),
    ("신혜린", "권도윤", "홍예진", "문태호"),
    ("백승현", "유나래", "장민석", "노은비"),
)
MINUTES_MARCH = """○ 개회 및 국민의례
○ 공동위원장 인사말씀
  - 시·도 상생협력이 주민 생활에서 체감되도록 과제별 성과를 점검하기로 함
○ 보고안건: 2018년 상생협력과제 추진상황
  - 41개 과제 중 정상추진 이상 과제 비율을 보고받음
○ 심의안건 1: 신규 과제 채택(안)
  - 낙동강 수계 수질 공동 관리를 4-10 과제로 신규 채택(원안 의결)
○ 심의안건 2: 과제 변경(안)
  - 2-6 탄소섬유·미래형자동차 부품산업 협력: 공동 R&D 예산 확보로 사업이행도를 정상추진으로 변경
○ 폐회"""
MINUTES_NOVEMBER = """○ 개회
○ 보고안건: 2019년 상생협력과제 추진상황
○ 심의안건 1: 과제 제외(안)
  - 2-7 대구경북 공동 지역화폐 발행: 행정안전부 지역사랑상품권과 중복되어 제외
  - 4-4 강정고령보 공도교 차량통행: 2019. 10. 차량통행 개시로 목적 달성, 과제 종료
○ 심의안건 2: 2020년 상생협력 추진계획 개정(안)
  - 신규 과제 4건 반영, 과제 2건 제외, 유사 과제 통합 등 개정안 원안 의결
○ 폐회"""
MINUTES_SUB = """○ 경제산업분과 6월 정례회의
○ 로봇산업 협력벨트(2-1) 추진상황 점검
  - 기업 공동 R&D 과제 발굴 현황 공유, 하반기 공동 설명회 개최 제안
○ 물산업 클러스터(2-2) 연계 방안 논의
  - 실증화 시설 공동 활용 협약 초안 검토"""


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _meeting(
    actor: User,
    committee: Committee,
    title: str,
    day: dt.date,
    hours: tuple[int, int],
    place: str,
    host: object | None,
    status: str = Meeting.Status.HELD,
) -> Meeting:
    data = services.MeetingInput(
        title=title,
        starts_at=_at(day, hours[0]),
        ends_at=_at(day, hours[1]),
        place=place,
        host=host,  # type: ignore[arg-type]
        status=status,
    )
    return services.meeting_schedule(actor=actor, committee=committee, data=data)


def _attend(actor: User, meeting: Meeting, members: list[Membership], absent: tuple[int, ...] = ()) -> None:
    rows = []
    for i, m in enumerate(members):
        if i in absent:
            rows.append(services.AttendanceInput(m, Attendance.Status.ABSENT))
        elif (
            m.role == Membership.Role.CO_CHAIR
            and i == 0
            and meeting.host
            and meeting.host.short_name == "경북"
        ):
            rows.append(services.AttendanceInput(m, Attendance.Status.PROXY, proxy_name="행정부시장"))
        else:
            rows.append(services.AttendanceInput(m, Attendance.Status.PRESENT))
    services.attendance_record(actor=actor, meeting=meeting, rows=rows)


def _decide(actor: User, meeting: Meeting, values: dict[str, object]) -> Decision:
    decision = decisions.decision_save(actor=actor, meeting=meeting, values=values)
    decisions.decision_apply(actor=actor, decision=decision)
    # The story's dates: applied the day after the meeting.
    Decision.objects.filter(pk=decision.pk).update(applied_at=meeting.starts_at + dt.timedelta(days=1))
    return decision


def _finalize(actor: User, meeting: Meeting, text: str) -> None:
    meeting.refresh_from_db(fields=["revision"])  # recording attendance moved it on
    meeting = services.minutes_save(actor=actor, meeting=meeting, text=text, base_revision=meeting.revision)
    meeting = services.minutes_finalize(actor=actor, meeting=meeting, base_revision=meeting.revision)
    Meeting.objects.filter(pk=meeting.pk).update(
        minutes_finalized_at=meeting.starts_at + dt.timedelta(days=7)
    )


def load(ctx: DemoContext) -> None:
    plan = Plan.objects.filter(title=HANPPURI).first()
    if plan is None or Committee.objects.filter(plan=plan).exists():
        return
    actor = ctx.users["demo"]
    daegu, gyeongbuk = ctx.orgs["대구"], ctx.orgs["경북"]
    tasks = {t.code: t for t in Task.objects.filter(plan=plan)}
    areas = {a.number: a for a in Area.objects.filter(plan=plan)}

    joint = services.committee_create(
        actor=actor,
        data=services.CommitteeInput(
            name=JOINT,
            kind=Committee.Kind.JOINT,
            plan=plan,
            organizations=[daegu, gyeongbuk],
            purpose="대구·경북 상생협력 과제의 발굴·조정 및 추진상황 점검 (공동위원장: 시장·도지사)",
            cadence_count=2,
            cadence_period=Committee.Period.YEAR,
        ),
    )
    users = {"demo": ctx.users["demo"], "daegu": ctx.users["daegu"]}
    members = []
    for order, (name, side, role, affiliation, position, username) in enumerate(JOINT_MEMBERS, 1):
        values = {
            "name": name,
            "side": side,
            "role": role,
            "affiliation": affiliation,
            "position": position,
            "user": users.get(username),
            "appointed_on": dt.date(2018, 11, 1),
            "term_start": dt.date(2018, 11, 1),
            "term_end": dt.date(2020, 10, 31),
            "order": order,
        }
        members.append(services.membership_save(actor=actor, committee=joint, values=values))

    subs = []
    for index, (name, area_numbers, count) in enumerate(SUBCOMMITTEES):
        sub = services.committee_create(
            actor=actor,
            data=services.CommitteeInput(
                name=name,
                kind=Committee.Kind.SUBCOMMITTEE,
                plan=plan,
                parent=joint,
                area=areas[area_numbers[0]],
                organizations=[daegu, gyeongbuk],
                purpose="분야별 과제의 실무 협의와 신규 과제 발굴",
                cadence_count=count,
                cadence_period=Committee.Period.MONTH,
                order=index + 1,
            ),
        )
        for order, ((side, role, position), person) in enumerate(
            zip(SUB_MEMBERS, SUB_NAMES[index], strict=True), 1
        ):
            services.membership_save(
                actor=actor,
                committee=sub,
                values={
                    "name": person,
                    "side": side,
                    "role": role,
                    "affiliation": "대구경북연구원"
                    if side == "outside"
                    else ("경상북도" if order % 2 else "대구광역시"),
                    "position": position,
                    "appointed_on": dt.date(2019, 1, 15),
                    "term_start": dt.date(2019, 1, 15),
                    "term_end": dt.date(2021, 1, 14),
                    "order": order,
                    "user": users["daegu"] if index == 1 and order == 4 else None,
                },
            )
        subs.append(sub)

    # ---------------------------------------------------------------- 2019 상반기 (경북 hosting)
    march = _meeting(
        actor,
        joint,
        "2019년 상반기 대구경북한뿌리상생위원회",
        dt.date(2019, 3, 28),
        (15, 17),
        "경북도청 화백당",
        gyeongbuk,
    )
    services.add_agenda_item(
        actor=actor,
        meeting=march,
        title="2018년 상생협력과제 추진상황 보고",
        kind="report",
        task=tasks.get("10-4"),
        presenter="경북 정책기획관",
    )
    adopt_item = services.add_agenda_item(
        actor=actor,
        meeting=march,
        title="신규 상생협력과제 채택(안): 낙동강 수계 수질 공동 관리",
        description="낙동강 수계 수질 측정망 공동 운영과 오염원 공동 관리",
        presenter="경북 환경정책과",
    )
    change_item = services.add_agenda_item(
        actor=actor,
        meeting=march,
        title="과제 변경(안): 탄소섬유·미래형자동차 부품산업 협력",
        task=tasks["2-6"],
        presenter="대구 미래산업과",
    )
    _attend(actor, march, members, absent=(7,))
    lead = tasks["4-8"].lead_department
    _decide(
        actor,
        march,
        {
            "kind": Decision.Kind.ADOPT_TASK,
            "agenda_item": adopt_item,
            "code": "4-10",
            "title": "낙동강 수계 수질 공동 관리",
            "area": areas[4],
            "lead_department": lead,
            "text": "원안 의결",
        },
    )
    _decide(
        actor,
        march,
        {
            "kind": Decision.Kind.CHANGE_TASK,
            "agenda_item": change_item,
            "task": tasks["2-6"],
            "status": Status.ON_TRACK,
            "text": "공동 R&D 예산 확보에 따라 사업이행도를 정상추진으로 변경",
        },
    )
    _finalize(actor, march, MINUTES_MARCH)
    for item, price, qty, unit in (
        ("자문수당", 150_000, 4, "명"),
        ("다과비", 8_000, 40, "명"),
        ("자료 인쇄비", 12_500, 40, "부"),
    ):
        services.cost_line_add(
            actor=actor, meeting=march, item=item, unit_price=price, quantity=Decimal(qty), unit=unit
        )

    # ---------------------------------------------------------------- 2019 하반기 (대구 hosting)
    november = _meeting(
        actor,
        joint,
        "2019년 하반기 대구경북한뿌리상생위원회",
        dt.date(2019, 11, 13),
        (14, 16),
        "대구시청 별관 대강당",
        daegu,
    )
    drop_item = services.add_agenda_item(actor=actor, meeting=november, title="상생협력과제 제외(안)")
    version_item = services.add_agenda_item(
        actor=actor, meeting=november, title="2020년 상생협력 추진계획 개정(안)", presenter="대구 정책기획관"
    )
    _attend(actor, november, members, absent=(5,))
    for code, reason in (
        ("2-7", "행정안전부 지역사랑상품권과 중복되어 시·도 각자 발행으로 대체"),
        ("4-4", "2019. 10. 공도교 차량통행 개시로 목적 달성, 과제 종료"),
    ):
        _decide(
            actor,
            november,
            {
                "kind": Decision.Kind.DROP_TASK,
                "agenda_item": drop_item,
                "task": tasks[code],
                "reason": reason,
            },
        )
    _decide(
        actor,
        november,
        {
            "kind": Decision.Kind.APPROVE_VERSION,
            "agenda_item": version_item,
            "text": "신규 과제 4건 반영, 과제 2건 제외, 유사 과제 통합 등 2020년 개정안 원안 의결",
        },
    )
    _finalize(actor, november, MINUTES_NOVEMBER)
    for item, price, qty, unit in (
        ("자문수당", 150_000, 4, "명"),
        ("다과비", 8_000, 45, "명"),
        ("회의실 대여", 300_000, 1, "회"),
    ):
        services.cost_line_add(
            actor=actor, meeting=november, item=item, unit_price=price, quantity=Decimal(qty), unit=unit
        )

    # ---------------------------------------------------------------- a subcommittee, minutes under review
    economy = subs[1]
    june = _meeting(
        actor,
        economy,
        "경제산업분과 6월 정례회의",
        dt.date(2019, 6, 12),
        (10, 12),
        "대구경북연구원 세미나실",
        None,
    )
    services.add_agenda_item(
        actor=actor, meeting=june, title="로봇산업 협력벨트 추진상황 점검", task=tasks["2-1"], kind="report"
    )
    services.add_agenda_item(actor=actor, meeting=june, title="물산업 클러스터 연계 방안", task=tasks["2-2"])
    _attend(actor, june, list(economy.memberships.order_by("order")))
    june.refresh_from_db()
    services.minutes_save(actor=actor, meeting=june, text=MINUTES_SUB, base_revision=june.revision)

    # ---------------------------------------------------------------- coming up
    soon = timezone.localdate() + dt.timedelta(days=21)
    upcoming = _meeting(
        actor,
        economy,
        "경제산업분과 정례회의",
        soon,
        (14, 16),
        "경북도청 회의실",
        gyeongbuk,
        status=Meeting.Status.SCHEDULED,
    )
    services.add_agenda_item(
        actor=actor,
        meeting=upcoming,
        title="국가물산업클러스터 연계 과제 점검",
        task=tasks["2-2"],
        kind="report",
    )
    meetings = Meeting.objects.filter(committee__plan=plan).count()
    ctx.progress(f"  위원회 {Committee.objects.filter(plan=plan).count()}곳, 회의 {meetings}회")
