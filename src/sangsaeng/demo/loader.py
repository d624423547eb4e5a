"""시연 자료: governments, departments, agreements, users and three plans with their cards.

`load_demo()` writes everything into an empty database in one transaction, directly through the ORM
(this is an import, not a series of user edits), then rolls up every parent task's 진도율 and gives
every card its first audit revision, exactly as cards created through the services have.

Two cards are entered in full from the documents in shared/samples:
- 「대구·경북 한뿌리 상생협력」 (task 10-4 of plan 1), the management card;
- 「지역상생 네트워크 활성화」 (task 1-1 of plan 2), the Seoul budget explanation sheet.
Their derived numbers as the documents state them are kept as StatedFigure rows, so the card shows
where our computation and the paper disagree.
"""

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from sangsaeng.accounts.models import Kind, User
from sangsaeng.audit.models import AuditLog
from sangsaeng.audit.services import log_event
from sangsaeng.budgets.models import (
    Bucket,
    BudgetEntry,
    BudgetItem,
    CostLine,
    FundingSource,
    ScheduleLine,
    Settlement,
)
from sangsaeng.demo.extras import DemoContext, load_extras
from sangsaeng.demo.rounds import load_rounds
from sangsaeng.lib import bullets, kdate
from sangsaeng.orgs.models import Agreement, Department, Organization
from sangsaeng.plans.models import (
    Activity,
    Area,
    Contact,
    Indicator,
    IndicatorValue,
    Legislation,
    Plan,
    StatedFigure,
    Task,
    TaskText,
)
from sangsaeng.plans.services import recompute_progress, record_initial_state, sort_key
from sangsaeng.security.services import grant_grace


class DemoError(Exception):
    """The demo cannot be loaded; the message is Korean and shown as is."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    name: str
    who: str


@dataclass(frozen=True)
class DemoSummary:
    organizations: int
    departments: int
    agreements: int
    users: int
    plans: int
    tasks: int
    indicators: int
    budget_entries: int
    activities: int
    audit_logs: int
    seconds: float
    logins: tuple[DemoLogin, ...]

    def count_lines(self) -> list[str]:
        return [
            f"기관 {self.organizations}곳, 부서 {self.departments}개, 협약 {self.agreements}건, "
            f"사용자 {self.users}명",
            f"계획 {self.plans}건, 과제 {self.tasks}건(세부과제 포함), 확인지표 {self.indicators}개, "
            f"예산 항목 {self.budget_entries}건, 추진실적 {self.activities}건, 감사 기록 {self.audit_logs}건",
        ]

    def login_lines(self) -> list[str]:
        return [f"  {lg.username} / {lg.password}  ({lg.who})" for lg in self.logins]


# ================================================================ specifications


@dataclass(frozen=True)
class Act:
    start: dt.date
    start_precision: str
    end: dt.date | None
    end_precision: str
    open_ended: bool
    text: str
    details: list[dict[str, Any]]
    participants: int | None


def act(when: str, text: str, details: str = "", participants: int | None = None) -> Act:
    """An activity in the card's own notation: '18. 5 / '18. 10. 2 ~ / '19. 2. 11 ~ 2. 28 / 2018."""
    start, start_precision, end, end_precision, open_ended = kdate.parse_range(when)
    return Act(
        start=start,
        start_precision=start_precision,
        end=end,
        end_precision=end_precision,
        open_ended=open_ended,
        text=text,
        details=bullets.parse(details) if details else [],
        participants=participants,
    )


@dataclass(frozen=True)
class Val:
    year: int
    target: Decimal | int | None = None
    actual: Decimal | int | None = None
    plan_text: str = ""
    actual_text: str = ""
    achieved: bool = False
    achieved_on: dt.date | None = None


@dataclass(frozen=True)
class Ind:
    name: str
    kind: str = Indicator.Kind.NUMERIC
    unit: str = ""
    aggregation: str = Indicator.Aggregation.SUM
    term_plan_text: str = ""
    term_actual_text: str = ""
    note: str = ""
    values: tuple[Val, ...] = ()


def numeric(
    name: str,
    unit: str,
    targets: dict[int, int],
    actuals: dict[int, int],
    *,
    aggregation: str = Indicator.Aggregation.SUM,
    term_plan_text: str = "",
    note: str = "",
) -> Ind:
    years = sorted(set(targets) | set(actuals))
    return Ind(
        name=name,
        unit=unit,
        aggregation=aggregation,
        term_plan_text=term_plan_text,
        note=note,
        values=tuple(Val(y, targets.get(y), actuals.get(y)) for y in years),
    )


@dataclass(frozen=True)
class Money:
    kind: str
    source: str
    bucket: str
    year: int  # 0 for 기투자 and 임기후
    amount: int


def money(kind: str, source: str, cells: dict[str | int, int]) -> tuple[Money, ...]:
    """Cells of one source and kind, in 천원: {"before": 기투자, 2019: …, "after": 임기후}."""
    out = []
    for key, amount in cells.items():
        if isinstance(key, int):
            out.append(Money(kind, source, Bucket.YEAR, key, amount))
        else:
            out.append(Money(kind, source, key, 0, amount))
    return tuple(out)


@dataclass(frozen=True)
class Line:
    label: str
    amount: int | None = None
    children: tuple["Line", ...] = ()


@dataclass(frozen=True)
class Item:
    year: int
    code: str
    name: str
    lines: tuple[Line, ...] = ()
    stated_amount: int | None = None


@dataclass(frozen=True)
class Settle:
    year: int
    original: int
    carried_in: int
    change: int
    executed: int
    carried_out: int


@dataclass(frozen=True)
class Sched:
    year: int
    label: str
    period: str
    amount: int | None
    detail: str


@dataclass(frozen=True)
class Law:
    name: str
    bill_kind: str = ""
    proposed_on: dt.date | None = None
    committee_on: dt.date | None = None
    plenary_on: dt.date | None = None
    promulgated_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class TaskSpec:
    code: str
    title: str
    area: int | None
    status: str
    progress: int | None  # None: rolled up from the sub-tasks
    lead: tuple[str, str] | None  # (organization short name, department name)
    partners: tuple[str, ...] = ()
    agreement: str | None = None
    parent: str | None = None
    weight: int = 1
    rollup: str = Task.Rollup.AVERAGE
    slogan: str = ""
    implementer: str = "자체"
    term_class: str = Task.TermClass.IN_TERM
    novelty: str = Task.Novelty.NEW
    budget_class: str = Task.BudgetClass.BUDGET
    central_coop: str = ""
    goal: str = ""
    term_indicator: str = ""
    period_kind: str = ""
    period_text: str = ""
    location: str = ""
    execution_type: str = ""
    expense_type: str = ""
    contacts: tuple[tuple[str, str, str], ...] = ()
    texts: dict[str, str] = field(default_factory=dict)  # kind → bullet text (○ • - / ▷)
    indicators: tuple[Ind, ...] = ()
    budget: tuple[Money, ...] = ()
    items: tuple[Item, ...] = ()
    settlements: tuple[Settle, ...] = ()
    schedule: tuple[Sched, ...] = ()
    activities: tuple[Act, ...] = ()
    legislation: tuple[Law, ...] = ()
    # (key, value, source); "{i0}", "{i1}"… in a key stand for the ids of this task's indicators.
    stated: tuple[tuple[str, int, str], ...] = ()


@dataclass(frozen=True)
class PlanSpec:
    title: str
    description: str
    organizations: tuple[str, ...]
    term: tuple[int, int]
    sources: tuple[tuple[str, bool], ...]
    areas: tuple[str, ...]
    coordinators: tuple[str, ...]
    tasks: tuple[TaskSpec, ...]
    last_year_label: str = ""
    is_published: bool = False


# ================================================================ governments and people

# (name, short name, kind, parent short name)
ORGANIZATIONS: tuple[tuple[str, str, str, str | None], ...] = (
    ("대구광역시", "대구", Organization.Kind.METROPOLITAN, None),
    ("경상북도", "경북", Organization.Kind.METROPOLITAN, None),
    ("서울특별시", "서울", Organization.Kind.METROPOLITAN, None),
    ("광주광역시", "광주", Organization.Kind.METROPOLITAN, None),
    ("전라남도", "전남", Organization.Kind.METROPOLITAN, None),
    ("강원특별자치도", "강원", Organization.Kind.METROPOLITAN, None),
    ("충청남도", "충남", Organization.Kind.METROPOLITAN, None),
    ("포항시", "포항", Organization.Kind.LOCAL, "경북"),
    ("경주시", "경주", Organization.Kind.LOCAL, "경북"),
    ("안동시", "안동", Organization.Kind.LOCAL, "경북"),
    ("고령군", "고령", Organization.Kind.LOCAL, "경북"),
    ("달성군", "달성", Organization.Kind.LOCAL, "대구"),
    ("서울특별시 중구", "중구", Organization.Kind.LOCAL, "서울"),
    ("순천시", "순천", Organization.Kind.LOCAL, "전남"),
    ("대구경북연구원", "대경연", Organization.Kind.PUBLIC_BODY, None),
)

B, D, T = Department.Level.BUREAU, Department.Level.DIVISION, Department.Level.TEAM
type DeptTree = tuple[tuple[str, str, DeptTree], ...]

DEPARTMENTS: dict[str, DeptTree] = {
    "경북": (
        ("정책기획관", D, ()),
        ("자치행정국", B, (("인사과", D, ()),)),
        ("일자리경제실", B, (("일자리정책과", D, ()), ("과학산업과", D, ()), ("투자유치과", D, ()))),
        ("문화관광체육국", B, (("관광정책과", D, ()), ("문화예술과", D, ()), ("체육진흥과", D, ()))),
        ("환경산림자원국", B, (("환경정책과", D, ()), ("산림자원과", D, ()))),
        ("건설도시국", B, (("도로철도과", D, ()),)),
        ("농축산유통국", B, (("농식품유통과", D, ()), ("친환경농업과", D, ()))),
        ("재난안전실", B, (("안전정책과", D, ()),)),
        ("복지건강국", B, (("보건정책과", D, ()),)),
        ("통합신공항추진단", B, (("신공항추진과", D, ()),)),
    ),
    "대구": (
        ("기획조정실", B, (("정책기획관", D, ()), ("예산담당관", D, ()))),
        ("혁신성장국", B, (("로봇산업과", D, ()), ("의료산업과", D, ()))),
        ("경제국", B, (("경제정책과", D, ()), ("농산유통과", D, ()), ("일자리노동정책과", D, ()))),
        ("문화체육관광국", B, (("관광과", D, ()), ("문화예술정책과", D, ()), ("체육진흥과", D, ()))),
        (
            "녹색환경국",
            B,
            (
                ("물관리과", D, ()),
                ("물산업과", D, ()),
                ("기후대기과", D, ()),
                ("공원녹지과", D, ()),
            ),
        ),
        ("교통국", B, (("철도시설과", D, ()), ("도로과", D, ()), ("대중교통과", D, ()))),
        ("복지국", B, (("복지정책과", D, ()),)),
        ("시민건강국", B, (("보건건강과", D, ()),)),
        ("시민안전실", B, (("재난안전과", D, ()),)),
        ("통합신공항건설본부", B, (("신공항정책과", D, ()),)),
    ),
    "서울": (
        (
            "기획조정실",
            B,
            (
                ("대외협력담당관", D, (("지역협력팀", T, ()), ("대외협력팀", T, ()))),
                ("정책기획관", D, ()),
            ),
        ),
        ("행정국", B, (("인사과", D, ()),)),
        ("경제진흥본부", B, (("도시농업과", D, ()), ("생활경제과", D, ()))),
        ("관광체육국", B, (("관광정책과", D, ()), ("체육정책과", D, ()))),
        ("서울혁신기획관", B, (("청년정책담당관", D, ()),)),
        ("문화본부", B, (("문화정책과", D, ()),)),
        ("안전총괄실", B, (("안전총괄과", D, ()),)),
    ),
    "광주": (
        ("기획조정실", B, (("정책기획관", D, ()), ("대외협력과", D, ()))),
        ("문화관광체육실", B, (("관광진흥과", D, ()), ("문화정책과", D, ()), ("체육진흥과", D, ()))),
        ("인공지능산업실", B, (("인공지능산업과", D, ()), ("미래차산업과", D, ()))),
        ("교통건설국", B, (("교통정책과", D, ()),)),
        ("복지건강국", B, (("건강정책과", D, ()),)),
        ("시민안전실", B, (("안전정책관", D, ()),)),
    ),
    "전남": (
        ("기획조정실", B, (("정책기획관", D, ()),)),
        ("농축산식품국", B, (("농업정책과", D, ()), ("친환경농업과", D, ()), ("농식품유통과", D, ()))),
        ("관광문화체육국", B, (("관광과", D, ()),)),
        ("일자리정책실", B, (("일자리정책과", D, ()),)),
        ("재난안전실", B, (("안전정책과", D, ()),)),
    ),
    "강원": (
        ("기획조정실", B, (("정책기획관", D, ()),)),
        ("문화관광체육국", B, (("관광정책과", D, ()),)),
    ),
    "충남": (
        ("기획조정실", B, (("정책기획관", D, ()),)),
        ("경제실", B, (("일자리노동정책과", D, ()),)),
    ),
    "포항": (("기획예산과", D, ()),),
}

# (key, title, kind, parties, signed on, scope)
AGREEMENTS: tuple[tuple[str, str, str, tuple[str, ...], dt.date | None, str], ...] = (
    (
        "한뿌리",
        "대구·경북 한뿌리 상생협약",
        Agreement.Kind.MOU,
        ("대구", "경북"),
        dt.date(2018, 8, 13),
        "대구경북한뿌리상생공동선언문(2018. 8. 13.)에 따른 경제·문화관광·교통·환경·안전 등 전 분야 상생협력",
    ),
    (
        "달빛",
        "달빛동맹",
        Agreement.Kind.ALLIANCE,
        ("대구", "광주"),
        None,
        "영호남 화합과 상생을 위한 대구·광주 교류협력(달구벌+빛고을)",
    ),
    (
        "서울전남",
        "서울시-전라남도 우호교류협약",
        Agreement.Kind.FRIENDSHIP,
        ("서울", "전남"),
        None,
        "귀농귀촌, 관광, 농특산물 직거래, 인적교류 등 우호교류",
    ),
)


@dataclass(frozen=True)
class UserSpec:
    username: str
    password: str
    name: str
    org: str
    dept: str | None
    phone: str
    who: str
    kind: str = Kind.OFFICER


USERS: tuple[UserSpec, ...] = (
    UserSpec(
        "demo",
        "sangsaeng-demo-2026",
        "김상생",
        "경북",
        "정책기획관",
        "054-880-2140",
        "경상북도 정책기획관 김상생: 시연 계획 3건 모두의 총괄 담당자",
    ),
    UserSpec(
        "officer",
        "sangsaeng-officer-2026",
        "이담당",
        "경북",
        "관광정책과",
        "054-880-3412",
        "경상북도 관광정책과 이담당: 자기 부서 과제만 수정하는 과제 담당자",
    ),
    UserSpec(
        "seoul",
        "sangsaeng-seoul-2026",
        "정성욱",
        "서울",
        "대외협력담당관",
        "02-2133-6671",
        "서울특별시 대외협력담당관 정성욱: 서울시 계획의 총괄 담당자",
    ),
    UserSpec(
        "daegu",
        "sangsaeng-daegu-2026",
        "홍지아",
        "대구",
        "관광과",
        "053-803-3873",
        "대구광역시 관광과 홍지아: 다른 정부(대구)의 과제 담당자, 한뿌리 3-5·3-1-2의 실적 보고",
    ),
    UserSpec(
        "outsider",
        "sangsaeng-outsider-2026",
        "최외부",
        "전남",
        "일자리정책과",
        "061-286-3311",
        "전라남도 최외부: 볼 수 있는 계획이 없는 사용자",
    ),
    UserSpec(
        "auditor",
        "sangsaeng-auditor-2026",
        "박감사",
        "경북",
        None,
        "054-880-2520",
        "경상북도 감사관실 박감사: 모든 계획을 읽기만 하는 감사 담당자",
        Kind.AUDITOR,
    ),
    UserSpec(
        "gangwon",
        "sangsaeng-gangwon-2026",
        "윤협력",
        "강원",
        "정책기획관",
        "033-249-2114",
        "강원특별자치도 윤협력: 협력 기관 열람자, 강원이 참여하는 서울시 계획 과제만 읽기",
        Kind.PARTNER,
    ),
    UserSpec(
        "pohang",
        "sangsaeng-pohang-2026",
        "김포항",
        "포항",
        "기획예산과",
        "054-270-2214",
        "포항시 기획예산과 김포항: 경상북도에 건의사항을 보내는 시·군 담당자",
    ),
)


# ================================================================ plan 1: 대구·경북 한뿌리 상생협력

HANPPURI_SAMPLE = TaskSpec(
    code="10-4",
    title="대구·경북 한뿌리 상생협력",
    slogan="손잡고 미래로",
    area=1,
    status="completed",
    progress=100,
    lead=("경북", "정책기획관"),
    partners=("대구",),
    agreement="한뿌리",
    implementer="자체",
    term_class=Task.TermClass.IN_TERM,
    novelty=Task.Novelty.BOTH,
    budget_class=Task.BudgetClass.BUDGET,
    central_coop="-",
    contacts=(("담당자", "권순락", "880-2147"),),
    goal="대구경북 상생협력을 바탕으로 주요현안을 해결하고 대구경북이 대한민국 성장의 중심지가 되겠습니다.",
    term_indicator="공동위원장 경상북도지사·대구시장 격상, 상생협력과제 발굴 및 체계적 관리",
    texts={
        "outline": """
○ 한뿌리상생위원회 기능 및 위상 강화
  • 공동위원장을 경상북도지사·대구시장으로 격상(前 위원장 : 행정부지사, 행정부시장)
  • 대내외적으로 영향력 높은 인사를 위원으로 위촉
  • 실무분과위원회 설치 근거 마련 등 운영 강화
○ 대구·경북 상생협력과제 발굴 및 추진
  • 국비확보 등 핵심 현안문제는 긴밀한 소통과 대화로 협력 강화
  • 상호 협력이 필요한 핵심 현안에 대해서는 상생협력과제로 추진
○ 대구·경북 공무원 상생협력 마인드 및 교류 강화
  • 시·도지사 교환근무로 상생협력 활성화(상호 역점시책 업무보고, 상생과제 현장점검 등)
  • 시·도 공무원교육원 상생협력 교육과정 운영, 교육훈련 프로그램 부분적 통합 운영(사회 이슈적과제 등)
""",
        "problems": """
○ 대부분의 과제는 당초 협력을 목적으로 선정되어 정상적으로 진행 중이며, \
시도 상반된 입장의 현안과제는 시도민 의견수렴 및 지속적인 해결방안 강구
  • (현안과제) 취수원 이전, 강정고령보 공도교 차량통행, 도농상생장터 등
○ 역사·문화·지리적으로 동질감이 큰 분야에 집중하여 성공사례 확산과 공감대 형성
  • 문화관광분야 협력, 광역 교통인프라 구축, 경제공동체 실현 등
""",
        "next_steps": """
○ 「상생발전 중장기 추진 계획」 세부과제(7개 분야 112개) 실행
  • 장단기과제 구분 → 시·도 부서 의견 수렴 및 공청회 → 사업카드 작성
○ 대구경북 상생협력 사업 광범위 「상생협력 자매결연」 추진
  • 시도 중심의 협력사업 위주에서 기초지자체, 민간으로 상생협력 확대
○ 대구경북 공동협력 과제 지속 발굴·추진(상시)
""",
    },
    indicators=(
        Ind(
            name="공동위원장 격상",
            kind=Indicator.Kind.MILESTONE,
            term_plan_text="공동위원장 격상",
            term_actual_text="조례개정완료 '18.11.1",
            values=(
                Val(
                    2018,
                    plan_text="조례개정, 공동위원장 격상(경북도지사·대구시장)",
                    actual_text="조례개정완료 '18.11.1, 공동위원장 격상(경북도지사·대구시장)",
                    achieved=True,
                    achieved_on=dt.date(2018, 11, 1),
                ),
                Val(
                    2019,
                    plan_text="공동위원장 격상(경북도지사·대구시장)",
                    actual_text="18년 기완료",
                    achieved=True,
                ),
            ),
        ),
        Ind(
            name="상생협력과제 발굴",
            kind=Indicator.Kind.NUMERIC,
            unit="건",
            aggregation=Indicator.Aggregation.SUM,
            term_plan_text="상생협력과제 발굴(10건)",
            values=(
                Val(2018, target=2, actual=5, plan_text="상생협력과제 발굴(2건)"),
                Val(2019, target=2, actual=16, plan_text="상생협력과제 발굴(2건)"),
                Val(2020, target=2, plan_text="상생협력과제 발굴(2건)"),
                Val(2021, target=2, plan_text="상생협력과제 발굴(2건)"),
                Val(2022, target=2, plan_text="상생협력과제 발굴(2건)"),
            ),
        ),
    ),
    budget=(
        *money(
            "planned",
            "도비",
            {"before": 300_000, 2018: 100_000, 2019: 100_000, 2020: 100_000, 2021: 150_000, 2022: 150_000},
        ),
        *money(
            "planned",
            "민자등",
            {"before": 300_000, 2018: 100_000, 2019: 100_000, 2020: 100_000, 2021: 150_000, 2022: 150_000},
        ),
        *money("secured", "도비", {"before": 300_000, 2018: 100_000, 2019: 100_000}),
        *money("secured", "민자등", {"before": 300_000, 2018: 100_000, 2019: 100_000}),
    ),
    activities=(
        act(
            "2018",
            "시·도 공무원 교류 강화 (2018년 실적)",
            """
• 시·도정 주요 시책 현장 상호 방문(6회, 393명)
  - (경북) 세계문화유산, 창조혁신센터 등 / (대구) 근대화골목, 김광석 거리 등
• 한뿌리상생 공동과정 등 교육원 교육생 교류(5개 과정, 10회), 강사교류(2회)
""",
            participants=393,
        ),
        act(
            "2019",
            "시·도 공무원 교류 강화 (2019년 실적)",
            """
• 시책현장 상호방문(11회 285명), 교육생 교류(9개 과정 13회), 강사교류(3회)
""",
            participants=285,
        ),
        act(
            "'18. 5",
            "상생협력 신규과제 발굴(5건)",
            """
• 시·도 실무부서 합동발굴 및 시·도민 신규과제 공모
  - 야생동물보호센터 연계 운영, 대구경북 꽃박람회, 대구경북 상생 시민생활체육대축전교류 참가, \
운행차 배출가스집중관리, 선비이야기 관광패스운영
""",
        ),
        act(
            "'18. 8",
            "민선7기, 새로운 대구경북 상생협력 추진체계 구축",
            """
• 상생협력 방향 설정을 위한, 대구경북한뿌리상생공동선언문 발표(8.13)
• 상생협력 조직정비 “대구지사→대구경북상생본부” 명칭 변경(8.20)
""",
        ),
        act(
            "'18. 11. 1",
            "위원회 위상강화 및 주민체감형 과제발굴을 위한 조례개정 완료",
            """
• 공동위원장 격상 : 부시장·부지사 → 시장·도지사(조례 제5조)
• 시·도민, 전문가 등이 참여하는 “과제발굴단” 설치 신설(조례 제13조)
""",
        ),
        act(
            "'18. 10",
            "상생협력 발전방안 모색",
            """
• 상생 세미나(7.20), 상생 토론회(10.2), 간부공무원 워크숍(10.26), 포럼 개최(10.31)
""",
        ),
        act(
            "'18. 10. 2 ~",
            "시·도지사 1일 교환 근무(분기별 1회)",
            """
• 업무보고, 기자 간담회, 직원과의 만남(특강), 상생 현장 방문
""",
        ),
        act(
            "'19. 1. 20",
            "상생협력 체계적인 지원을 위한 위원회 사무국 조직 확대·강화",
            """
• 사무국장 직급 상향(4급 → 3급), 대경연 상생협력연구단 신설
• 위원회 사무국 조직 및 인력보강 : 1팀 4명 → 2팀 6명
""",
        ),
        act("'19. 2. 22", "대구경북 간부공무원 워크샵 개최"),
        act("'19. 2. 11~2. 28", "대구경북 유사분야 12개 실국 실국장 1일 교환근무"),
        act("'19. 2. 27", "주민체감형 과제발굴을 위한 시·도민 과제발굴단 공모"),
        act(
            "'19. 3. 28",
            # Three lines under one date on the card; joined with " / " as the card itself does elsewhere,
            # because the one-line text field would lose line breaks on the first edit.
            "위원장 격상에 따라 전문가 등으로 개편하여 한뿌리위원 재구성 / "
            "실무분과위원회 및 총회 개최(신규 12건, 제외 4건 의결) / "
            "대구경북 상생협력 그랜드플랜 10대 핵심전략과제 기본(안)마련",
        ),
        act("'19. 4. 29", "상생협력사업 성과평가 및 우수성과자 우수성과자 가산점 부여"),
        act("'19. 5. 1", "상생협력과제 관리카드 작성(5개분야 42개)"),
        act("'19. 5. 28", "상생슬로건 공모·선정 (최우수)대구경북! 천년의 우정, 번영의 약속"),
        act("'19. 6", "과제발굴단 44명 위촉 및 활동전개(대구20, 경북24)", participants=44),
        act("'19. 8", "대구경북 상생협력 기획 홍보(신문광고 3회)"),
        act(
            "'19. 8. 30",
            "대구경북 상생협력 세미나 개최",
            """
• (주제) 민선7기 1주년 상생협력! 관광과 일자리분야 성과와 과제
• (장소) 대구경북연구원/ (참석) 전문가, 연구원, 시도공무원 등 50명
""",
            participants=50,
        ),
        act(
            "'19. 9. 2 ~ 9. 15",
            "추석명절 귀성객 환영 현수막 대구경북 공동 설치",
            """
• 귀성객 이동이 많은 경북도청 신도시, 대구 신세계 백화점 등 7개소
""",
        ),
        act(
            "'19. 9. 5 ~ 9. 6",
            "2019년 대구경북 상생협력과제 업무담당자 워크샵 개최",
            """
• (장소) 청송대명리조트 /(참석) 시도 상생협력 업무담당자 46명
""",
            participants=46,
        ),
        act(
            "'19. 10. 24",
            "대구경북 상생협력 포럼 개최",
            """
• (주제) 함께여는 대구경북의 미래, 이제는 경제통합이다
• (장소) 대구삼성창조캠퍼스/ (참석) 시도지사, 시도의원, 정재계, 학계 등 200명
""",
            participants=200,
        ),
        act("'19. 11. 13", "'19년 하반기 대구경북한뿌리상생위원회 개최(신규4건, 제외2건 의결)"),
        act(
            "'19. 12. 5",
            "대구경북 통합 방안 모색을 위한 세미나 개최",
            """
• (내용) 대구경북학을 통한 상생발전, 지자체통합의 해외사례와 시사점 등
• (장소) 경북대학교 인문한국진흥관 /(참석) 시도민, 교수 및 학생, 공무원 등 200명
""",
            participants=200,
        ),
    ),
    legislation=(
        Law(
            name="경상북도 경북대구 한뿌리상생협력추진조례",
            bill_kind="일부개정조례안",
            proposed_on=dt.date(2018, 10, 1),
            committee_on=dt.date(2018, 10, 4),
            plenary_on=dt.date(2018, 10, 15),
            promulgated_on=dt.date(2018, 11, 1),
            note="조례개정공포",
        ),
    ),
    stated=tuple(
        (key, value, "관리카드 원문")
        for key, value in (
            # 공동위원장 격상 (milestone): 종합 100%, 2018 100%, 2019 100%
            ("indicator.{i0}.term_rate", 100),
            ("indicator.{i0}.2018.rate", 100),
            ("indicator.{i0}.2019.rate", 100),
            # 상생협력과제 발굴: 종합 100% (실제 210%), 계획 10건, 실적 21건, 2018 250%, 2019 800%
            ("indicator.{i1}.term_rate", 210),
            ("indicator.{i1}.2018.rate", 250),
            ("indicator.{i1}.2019.rate", 800),
            ("indicator.{i1}.term_target", 10),
            ("indicator.{i1}.term_actual", 21),
            # 예산투입: 투자계획 계 18억(기투자 6, 소계 12), 확보 계 10억(기투자 6)
            ("budget.planned.total", 1_800_000),
            ("budget.planned.subtotal", 1_200_000),
            ("budget.planned.before", 600_000),
            ("budget.secured.total", 1_000_000),
            ("budget.secured.before", 600_000),
        )
    ),
)

HP = "한뿌리"


def _hp(
    code: str,
    title: str,
    area: int,
    status: str,
    progress: int | None,
    lead: tuple[str, str],
    partners: tuple[str, ...],
    **kw: Any,
) -> TaskSpec:
    kw.setdefault("agreement", HP)
    return TaskSpec(
        code=code,
        title=title,
        area=area,
        status=status,
        progress=progress,
        lead=lead,
        partners=partners,
        **kw,
    )


PLAN1_TASKS: tuple[TaskSpec, ...] = (
    # ---------------------------------------------------------------- 1 상생협력 기반 구축
    _hp(
        "1-1",
        "시·도 공무원 인사교류 확대",
        1,
        "on_track",
        60,
        ("경북", "인사과"),
        ("대구",),
        novelty=Task.Novelty.CONTINUING,
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "박민수", "054-880-2231"),),
        goal="시·도 간 1:1 인사교류를 정례화하여 상생협력 업무 역량을 높입니다.",
        term_indicator="시·도 인사교류 연 4명 이상",
        indicators=(
            numeric(
                "인사교류 인원",
                "명",
                dict.fromkeys(range(2018, 2023), 4),
                {2018: 4, 2019: 6},
                term_plan_text="인사교류 20명",
            ),
        ),
        activities=(
            act("'18. 7. 1", "시·도 5급 이하 공무원 1:1 인사교류 시행(4명)", participants=4),
            act("'19. 1. 7", "상생협력 담당 부서 간 인사교류 확대(6명)", participants=6),
        ),
        texts={"next_steps": "○ 인사교류 대상 직렬·직급 확대 검토\n○ 교류자 복귀 후 상생협력 부서 우선 배치"},
    ),
    _hp(
        "1-2",
        "대구경북 상생협력 공동 홍보",
        1,
        "on_track",
        70,
        ("대구", "정책기획관"),
        ("경북",),
        contacts=(("담당자", "이지현", "053-803-2651"),),
        goal="상생협력 성과를 시·도민에게 알려 공감대를 넓힙니다.",
        budget=(
            *money("planned", "도비", {2019: 30_000, 2020: 30_000, 2021: 30_000, 2022: 30_000}),
            *money("secured", "도비", {2019: 30_000}),
            *money("executed", "도비", {2019: 28_500}),
        ),
        activities=(
            act("'19. 8", "대구경북 상생협력 기획 홍보(신문광고 3회)"),
            act("'19. 9. 2 ~ 9. 15", "추석명절 귀성객 환영 현수막 공동 설치(7개소)"),
        ),
    ),
    _hp(
        "1-3",
        "대구경북 행정통합 공론화",
        1,
        "on_hold",
        15,
        ("경북", "정책기획관"),
        ("대구", "대경연"),
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "최영호", "054-880-2153"),),
        goal="대구경북 행정통합에 대한 시·도민 공론을 모읍니다.",
        activities=(
            act("'19. 12. 5", "대구경북 통합 방안 모색을 위한 세미나 개최", participants=200),
            act("'20. 2", "행정통합 공론화 일정 조정(감염병 확산에 따른 대면 행사 보류)"),
        ),
        texts={"problems": "○ 감염병 확산으로 시·도민 숙의 일정 보류\n  • 비대면 의견수렴 방식 검토"},
    ),
    _hp(
        "1-4",
        "시·도민 상생협력 과제 공모 및 과제발굴단 운영",
        1,
        "continuing",
        100,
        ("대구", "정책기획관"),
        ("경북",),
        novelty=Task.Novelty.CONTINUING,
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "정수민", "053-803-2653"),),
        indicators=(numeric("과제 공모 제안", "건", {2019: 30, 2020: 30}, {2019: 57}),),
        activities=(
            act("'19. 2. 27", "주민체감형 과제발굴을 위한 시·도민 과제발굴단 공모"),
            act("'19. 6", "과제발굴단 44명 위촉 및 활동전개(대구20, 경북24)", participants=44),
        ),
    ),
    _hp(
        "1-5",
        "대경연 상생협력연구단 운영",
        1,
        "on_track",
        55,
        ("경북", "정책기획관"),
        ("대구", "대경연"),
        implementer="대구경북연구원",
        contacts=(("담당자", "한상철", "054-880-2156"),),
        budget=(
            *money("planned", "도비", {2019: 150_000, 2020: 150_000, 2021: 150_000, 2022: 150_000}),
            *money("secured", "도비", {2019: 150_000}),
            *money("executed", "도비", {2019: 141_200}),
        ),
        activities=(
            act("'19. 1. 20", "대경연 상생협력연구단 신설"),
            act("'19. 8. 30", "상생협력 세미나 공동 개최(대구경북연구원)", participants=50),
        ),
    ),
    HANPPURI_SAMPLE,
    # ---------------------------------------------------------------- 2 경제공동체 실현
    _hp(
        "2-1",
        "대구경북 로봇산업 협력벨트 구축",
        2,
        "on_track",
        45,
        ("대구", "로봇산업과"),
        ("경북", "포항"),
        contacts=(("담당자", "김태훈", "053-803-3521"),),
        goal="대구 로봇산업 클러스터와 포항 해양로봇 거점을 잇는 로봇산업 협력벨트를 만듭니다.",
        indicators=(
            numeric(
                "로봇기업 공동 유치",
                "개사",
                dict.fromkeys(range(2019, 2023), 5),
                {2019: 6},
                term_plan_text="로봇기업 20개사 유치",
            ),
        ),
        budget=(
            *money("planned", "국비", {2019: 500_000, 2020: 1_000_000, 2021: 1_000_000, 2022: 500_000}),
            *money("planned", "도비", {2019: 200_000, 2020: 300_000, 2021: 300_000, 2022: 200_000}),
            *money("secured", "국비", {2019: 500_000}),
            *money("secured", "도비", {2019: 200_000}),
            *money("executed", "국비", {2019: 420_000}),
            *money("executed", "도비", {2019: 180_000}),
        ),
        activities=(
            act("'19. 4. 16", "로봇산업 협력벨트 공동 기획 실무협의"),
            act("'19. 10", "로봇 실증사업 국비 공동 건의"),
        ),
    ),
    _hp(
        "2-2",
        "국가물산업클러스터 연계 물산업 육성",
        2,
        "on_track",
        50,
        ("대구", "물산업과"),
        ("경북", "달성"),
        contacts=(("담당자", "윤서연", "053-803-4281"),),
        budget=(
            *money("planned", "국비", {2019: 300_000, 2020: 300_000}),
            *money("planned", "도비", {2019: 100_000, 2020: 100_000}),
            *money("secured", "국비", {2019: 300_000}),
            *money("secured", "도비", {2019: 100_000}),
        ),
        activities=(act("'19. 9", "물기업 해외판로 공동 개척(경북 물기업 참여)"),),
    ),
    _hp(
        "2-3",
        "대구경북 공동 일자리 박람회",
        2,
        "continuing",
        100,
        ("경북", "일자리정책과"),
        ("대구",),
        novelty=Task.Novelty.CONTINUING,
        contacts=(("담당자", "장현우", "054-880-2811"),),
        indicators=(numeric("박람회 취업자", "명", {2018: 200, 2019: 200}, {2018: 236, 2019: 251}),),
        budget=(
            *money("planned", "도비", {2018: 80_000, 2019: 80_000, 2020: 80_000, 2021: 80_000, 2022: 80_000}),
            *money("secured", "도비", {2018: 80_000, 2019: 80_000}),
            *money("executed", "도비", {2018: 78_000, 2019: 79_500}),
        ),
        activities=(
            act("'18. 10. 17", "대구경북 공동 일자리 박람회 개최(엑스코)", participants=3200),
            act("'19. 10. 16", "대구경북 공동 일자리 박람회 개최(경북도청 동락관)", participants=2800),
        ),
    ),
    _hp(
        "2-4",
        "첨단의료복합단지 연계 의료산업 협력",
        2,
        "on_track",
        35,
        ("대구", "의료산업과"),
        ("경북",),
        contacts=(("담당자", "서지훈", "053-803-3631"),),
        activities=(act("'19. 6. 12", "의료기기 기업 공동 지원협의체 구성"),),
    ),
    _hp(
        "2-5",
        "대구경북 경제자유구역 공동 투자유치",
        2,
        "on_track",
        40,
        ("경북", "투자유치과"),
        ("대구",),
        contacts=(("담당자", "임하늘", "054-880-2831"),),
        indicators=(numeric("공동 투자유치 협약", "건", dict.fromkeys(range(2019, 2023), 3), {2019: 2}),),
        activities=(act("'19. 5. 21", "해외 공동 투자유치 설명회(상해)"),),
    ),
    _hp(
        "2-6",
        "탄소섬유·미래형자동차 부품산업 협력",
        2,
        "partial",
        25,
        ("경북", "과학산업과"),
        ("대구", "포항"),
        contacts=(("담당자", "강도윤", "054-880-2851"),),
        texts={
            "problems": "○ 국비 공모 탈락으로 사업 규모 축소\n  • 차년도 공모 재도전 및 시·도비 매칭 조정"
        },
    ),
    _hp(
        "2-7",
        "대구경북 공동 지역화폐 발행",
        2,
        "dropped",
        0,
        ("대구", "경제정책과"),
        ("경북",),
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "조은비", "053-803-3211"),),
        texts={
            "problems": "○ 시·군별 지역화폐 발행 확대로 공동 발행 실익 낮음\n"
            "  • 한뿌리상생위원회 의결로 과제 제외('19. 11. 13)"
        },
        activities=(act("'19. 11. 13", "한뿌리상생위원회에서 과제 제외 의결"),),
    ),
    # ---------------------------------------------------------------- 3 문화·관광 협력
    _hp(
        "3-1",
        "대구경북 공동 관광마케팅",
        3,
        "on_track",
        None,
        ("경북", "관광정책과"),
        ("대구",),
        rollup=Task.Rollup.AVERAGE,
        contacts=(("담당자", "이담당", "054-880-3412"),),
        goal="대구와 경북을 하나의 관광권으로 묶어 국내외 관광객을 함께 유치합니다.",
    ),
    _hp(
        "3-1-1",
        "대구경북 관광 통합 브랜드 개발",
        3,
        "completed",
        100,
        ("경북", "관광정책과"),
        ("대구",),
        parent="3-1",
        contacts=(("담당자", "이담당", "054-880-3412"),),
        activities=(act("'19. 3", "대구경북 관광 통합 브랜드 개발 완료"),),
    ),
    _hp(
        "3-1-2",
        "해외 관광객 공동 유치 설명회",
        3,
        "on_track",
        40,
        ("대구", "관광과"),
        ("경북",),
        parent="3-1",
        contacts=(("담당자", "신동욱", "053-803-3871"),),
        indicators=(numeric("해외 설명회 개최", "회", dict.fromkeys(range(2019, 2023), 2), {2019: 2}),),
        activities=(act("'19. 5", "대만·홍콩 관광설명회 공동 개최"),),
    ),
    _hp(
        "3-2",
        "선비이야기 관광패스 운영",
        3,
        "continuing",
        100,
        ("경북", "관광정책과"),
        ("대구", "안동"),
        novelty=Task.Novelty.CONTINUING,
        contacts=(("담당자", "이담당", "054-880-3412"),),
        indicators=(
            numeric(
                "관광패스 판매",
                "매",
                dict.fromkeys(range(2018, 2023), 10_000),
                {2018: 8_200, 2019: 12_500},
                term_plan_text="관광패스 5만매 판매",
            ),
        ),
        budget=(
            *money("planned", "도비", dict.fromkeys(range(2018, 2023), 100_000)),
            *money("planned", "시군비", dict.fromkeys(range(2018, 2023), 50_000)),
            *money("secured", "도비", {2018: 100_000, 2019: 100_000}),
            *money("secured", "시군비", {2018: 50_000, 2019: 50_000}),
            *money("executed", "도비", {2018: 95_000, 2019: 98_000}),
            *money("executed", "시군비", {2018: 47_000, 2019: 49_000}),
        ),
        activities=(
            act("'18. 5", "선비이야기 관광패스 신규과제 선정"),
            act("'19. 4. 1", "관광패스 대구 도심 관광지 연계 확대(12개소)"),
        ),
    ),
    _hp(
        "3-3",
        "대구경북 꽃박람회",
        3,
        "completed",
        100,
        ("대구", "공원녹지과"),
        ("경북",),
        contacts=(("담당자", "권예린", "053-803-4531"),),
        budget=(
            *money("planned", "도비", {2019: 200_000}),
            *money("planned", "시군비", {2019: 100_000}),
            *money("planned", "민자등", {2019: 50_000}),
            *money("secured", "도비", {2019: 200_000}),
            *money("secured", "시군비", {2019: 100_000}),
            *money("secured", "민자등", {2019: 50_000}),
            *money("executed", "도비", {2019: 196_000}),
            *money("executed", "시군비", {2019: 97_500}),
            *money("executed", "민자등", {2019: 50_000}),
        ),
        activities=(act("'19. 5. 3 ~ '19. 5. 6", "대구경북 꽃박람회 개최(엑스코)", participants=83_000),),
    ),
    _hp(
        "3-4",
        "대구경북 상생 시민생활체육대축전 교류",
        3,
        "continuing",
        100,
        ("경북", "체육진흥과"),
        ("대구",),
        novelty=Task.Novelty.CONTINUING,
        contacts=(("담당자", "배성민", "054-880-3521"),),
        indicators=(
            Ind(
                name="대축전 상호 참가",
                kind=Indicator.Kind.MILESTONE,
                term_plan_text="매년 상호 참가",
                values=(
                    Val(2018, plan_text="상호 참가", actual_text="참가(선수단 300명)", achieved=True),
                    Val(2019, plan_text="상호 참가", actual_text="참가(선수단 320명)", achieved=True),
                    Val(2020, plan_text="상호 참가"),
                ),
            ),
        ),
        activities=(
            act("'18. 6. 1 ~ '18. 6. 3", "경북도민생활체육대축전 대구 선수단 참가", participants=300),
            act("'19. 5. 31 ~ '19. 6. 2", "대구시민생활체육대축전 경북 선수단 참가", participants=320),
        ),
    ),
    _hp(
        "3-5",
        "대구경북 의료관광 공동 활성화",
        3,
        "on_track",
        50,
        ("대구", "관광과"),
        ("경북",),
        contacts=(("담당자", "홍지아", "053-803-3873"),),
        indicators=(numeric("의료관광객 유치", "명", {2019: 25_000, 2020: 27_000}, {2019: 26_100}),),
        activities=(act("'19. 9", "의료관광 연계 상품 공동 개발(한방·웰니스)"),),
    ),
    _hp(
        "3-6",
        "대구경북 문화예술 교류 공연",
        3,
        "on_track",
        65,
        ("경북", "문화예술과"),
        ("대구",),
        contacts=(("담당자", "오세훈", "054-880-3311"),),
        activities=(act("'19. 10", "도립·시립 예술단 교류 공연(4회)"),),
    ),
    _hp(
        "3-7",
        "대구·경북 관광의 해 공동 추진",
        3,
        "partial",
        30,
        ("경북", "관광정책과"),
        ("대구",),
        contacts=(("담당자", "이담당", "054-880-3412"),),
        budget=(
            *money("planned", "도비", {2020: 500_000, 2021: 500_000}),
            *money("planned", "시군비", {2020: 250_000, 2021: 250_000}),
            *money("secured", "도비", {2020: 500_000}),
        ),
        texts={"problems": "○ 감염병 확산으로 대면 관광행사 축소\n  • 비대면·개별관광 중심으로 사업 조정"},
        activities=(act("'19. 12. 17", "대구·경북 관광의 해 선포 준비 공동 TF 구성"),),
    ),
    _hp(
        "3-8",
        "유교문화·근대문화유산 연계 관광코스 개발",
        3,
        "on_track",
        20,
        ("경북", "관광정책과"),
        ("대구", "안동", "경주"),
        contacts=(("담당자", "이담당", "054-880-3412"),),
        activities=(act("'19. 11", "연계 관광코스 개발 용역 착수"),),
    ),
    # ---------------------------------------------------------------- 4 광역 교통·환경·안전
    _hp(
        "4-1",
        "대구경북 광역철도망 구축",
        4,
        "on_track",
        None,
        ("대구", "철도시설과"),
        ("경북",),
        rollup=Task.Rollup.WEIGHTED,
        contacts=(("담당자", "김도현", "053-803-4811"),),
        goal="대구와 경북 주요 도시를 30분대 광역철도로 잇습니다.",
        texts={
            "outline": "○ 대구권 광역철도(구미~경산), 대구~경북도청 광역철도, "
            "대구산업선 철도를 함께 추진\n"
            "  • 세부과제별 사업비 규모에 따라 가중치 부여(5:3:2)"
        },
    ),
    _hp(
        "4-1-1",
        "대구권 광역철도(구미~경산) 건설",
        4,
        "on_track",
        45,
        ("대구", "철도시설과"),
        ("경북",),
        parent="4-1",
        weight=5,
        contacts=(("담당자", "김도현", "053-803-4811"),),
        budget=(
            *money(
                "planned", "국비", {2020: 5_000_000, 2021: 30_000_000, 2022: 40_000_000, "after": 75_000_000}
            ),
            *money(
                "planned", "도비", {2020: 1_500_000, 2021: 9_000_000, 2022: 12_000_000, "after": 30_000_000}
            ),
            *money("secured", "국비", {2020: 5_000_000}),
        ),
        activities=(act("'19. 4", "시·도 사업비 분담 협의"), act("'19. 12", "기본계획 수립 착수")),
    ),
    _hp(
        "4-1-2",
        "대구~경북도청 광역철도 건설",
        4,
        "partial",
        15,
        ("경북", "도로철도과"),
        ("대구",),
        parent="4-1",
        weight=3,
        contacts=(("담당자", "박준영", "054-880-3711"),),
        activities=(act("'19. 10", "국가철도망 구축계획 반영 공동 건의"),),
    ),
    _hp(
        "4-1-3",
        "대구산업선 철도 건설",
        4,
        "on_track",
        30,
        ("대구", "철도시설과"),
        ("경북", "달성"),
        parent="4-1",
        weight=2,
        contacts=(("담당자", "김도현", "053-803-4811"),),
        activities=(act("'19. 1. 29", "예비타당성조사 면제 사업 선정"),),
    ),
    _hp(
        "4-2",
        "대구경북 통합신공항 건설",
        4,
        "on_track",
        30,
        ("경북", "신공항추진과"),
        ("대구",),
        contacts=(("담당자", "이승철", "054-880-4511"),),
        budget=(
            *money("planned", "도비", {2019: 300_000, 2020: 500_000}),
            *money("secured", "도비", {2019: 300_000}),
        ),
        activities=(
            act("'19. 3. 14", "통합신공항 이전 후보지 공동 검토"),
            act("'20. 1. 21", "이전부지 선정 주민투표 실시"),
        ),
    ),
    _hp(
        "4-3",
        "취수원 이전",
        4,
        "on_hold",
        10,
        ("대구", "물관리과"),
        ("경북",),
        budget_class=Task.BudgetClass.NON_BUDGET,
        central_coop="환경부",
        contacts=(("담당자", "문정훈", "053-803-4251"),),
        texts={
            "problems": "○ 시·도 상반된 입장의 현안과제로 시·도민 의견수렴 필요\n"
            "  • 정부 용역 결과에 따라 상생 방안 공동 마련"
        },
        activities=(act("'19. 4", "낙동강 물 관리 정부 용역 결과 공유 협의"),),
    ),
    _hp(
        "4-4",
        "강정고령보 공도교 차량통행",
        4,
        "partial",
        40,
        ("대구", "도로과"),
        ("경북", "고령", "달성"),
        central_coop="한국수자원공사",
        contacts=(("담당자", "송민재", "053-803-4911"),),
        texts={
            "problems": "○ 차량통행 안전성 및 관리주체 협의 지연\n  • 한국수자원공사와 안전진단 결과 공유"
        },
        activities=(act("'19. 7. 10", "시·도·군 실무협의회 개최"),),
    ),
    _hp(
        "4-5",
        "야생동물보호센터 연계 운영",
        4,
        "continuing",
        100,
        ("경북", "환경정책과"),
        ("대구",),
        contacts=(("담당자", "나윤정", "054-880-3431"),),
        indicators=(
            numeric(
                "대구 구조동물 치료", "마리", dict.fromkeys(range(2018, 2023), 300), {2018: 342, 2019: 387}
            ),
        ),
        budget=(
            *money("planned", "도비", dict.fromkeys(range(2018, 2023), 40_000)),
            *money("secured", "도비", {2018: 40_000, 2019: 40_000}),
            *money("executed", "도비", {2018: 40_000, 2019: 39_800}),
        ),
        activities=(act("'18. 7. 1", "대구 구조동물 경북 야생동물구조센터 인계 시행"),),
    ),
    _hp(
        "4-6",
        "운행차 배출가스 집중관리",
        4,
        "continuing",
        100,
        ("대구", "기후대기과"),
        ("경북",),
        contacts=(("담당자", "유진호", "053-803-4221"),),
        indicators=(numeric("합동 단속", "회", dict.fromkeys(range(2018, 2023), 12), {2018: 12, 2019: 14}),),
        budget=(
            *money("planned", "도비", dict.fromkeys(range(2018, 2023), 60_000)),
            *money("planned", "시군비", dict.fromkeys(range(2018, 2023), 20_000)),
            *money("secured", "도비", {2018: 60_000, 2019: 60_000}),
            *money("secured", "시군비", {2018: 20_000, 2019: 20_000}),
            *money("executed", "도비", {2018: 57_000, 2019: 59_000}),
            *money("executed", "시군비", {2018: 19_000, 2019: 20_000}),
        ),
        activities=(act("'19. 6. 4", "시·도 경계 지역 운행차 배출가스 합동 단속"),),
    ),
    _hp(
        "4-7",
        "대구경북 재난안전 공동 대응체계 구축",
        4,
        "on_track",
        60,
        ("경북", "안전정책과"),
        ("대구",),
        contacts=(("담당자", "하지원", "054-880-4011"),),
        activities=(act("'19. 10. 30", "시·도 합동 재난대응 훈련", participants=150),),
    ),
    _hp(
        "4-8",
        "대구경북 미세먼지 공동 대응",
        4,
        "on_track",
        45,
        ("경북", "환경정책과"),
        ("대구",),
        contacts=(("담당자", "나윤정", "054-880-3431"),),
        activities=(act("'19. 12", "계절관리제 시행 공동 협의"),),
    ),
    _hp(
        "4-9",
        "시내·시외버스 환승할인 확대",
        4,
        "partial",
        35,
        ("대구", "대중교통과"),
        ("경북", "경주"),
        contacts=(("담당자", "정해인", "053-803-4851"),),
        texts={"problems": "○ 손실보전금 분담 비율 협의 필요"},
    ),
    # ---------------------------------------------------------------- 5 농업·복지·교육 상생
    _hp(
        "5-1",
        "도농상생장터 운영",
        5,
        "partial",
        30,
        ("경북", "농식품유통과"),
        ("대구",),
        contacts=(("담당자", "구민혁", "054-880-3111"),),
        indicators=(numeric("장터 개설", "회", dict.fromkeys(range(2018, 2023), 20), {2018: 8, 2019: 5}),),
        budget=(
            *money("planned", "도비", dict.fromkeys(range(2018, 2023), 50_000)),
            *money("secured", "도비", {2018: 50_000, 2019: 50_000}),
            *money("executed", "도비", {2018: 30_000, 2019: 15_000}),
        ),
        texts={"problems": "○ 대구 도심 장소 확보 어려움, 상인 반발\n  • 아파트 단지 순회 장터로 전환 검토"},
    ),
    _hp(
        "5-2",
        "대구경북 로컬푸드 공동 직매장",
        5,
        "on_track",
        55,
        ("대구", "농산유통과"),
        ("경북",),
        contacts=(("담당자", "백승우", "053-803-3251"),),
        activities=(act("'19. 11. 1", "로컬푸드 공동 직매장 개장(대구 동구)"),),
    ),
    _hp(
        "5-3",
        "학교급식 친환경 농산물 공급",
        5,
        "on_track",
        60,
        ("경북", "친환경농업과"),
        ("대구",),
        contacts=(("담당자", "남궁현", "054-880-3151"),),
        indicators=(
            numeric(
                "공급 학교",
                "개교",
                dict.fromkeys(range(2019, 2023), 100),
                {2019: 112},
                aggregation=Indicator.Aggregation.MAX,
            ),
        ),
    ),
    _hp(
        "5-4",
        "대구경북 공공의료·응급의료 협력",
        5,
        "on_track",
        50,
        ("대구", "보건건강과"),
        ("경북",),
        contacts=(("담당자", "도경민", "053-803-4611"),),
        activities=(act("'19. 9. 19", "권역 응급의료 협력 협약"),),
    ),
    _hp(
        "5-5",
        "지역대학 연계 청년 인재 공동 육성",
        5,
        "on_track",
        40,
        ("대구", "일자리노동정책과"),
        ("경북",),
        contacts=(("담당자", "표지훈", "053-803-3341"),),
        activities=(act("'19. 7", "지역대학 공동 인재양성 협의체 구성"),),
    ),
    _hp(
        "5-6",
        "장애인 체육·복지시설 공동 이용",
        5,
        "on_track",
        70,
        ("대구", "복지정책과"),
        ("경북",),
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "마수정", "053-803-4111"),),
    ),
)

PLAN1 = PlanSpec(
    title="대구·경북 한뿌리 상생협력",
    description=(
        "민선7기 대구·경북 한뿌리 상생협력 과제(5개 분야). "
        "※ 시연 자료: 관리카드 10-4는 실제 관리카드 그대로이고, 다른 과제의 내용과 수치는 예시입니다."
    ),
    organizations=("대구", "경북"),
    term=(2018, 2022),
    last_year_label="2022.6월",
    sources=(("국비", True), ("도비", False), ("시군비", False), ("민자등", False)),
    areas=(
        "상생협력 기반 구축",
        "경제공동체 실현",
        "문화·관광 협력",
        "광역 교통·환경·안전",
        "농업·복지·교육 상생",
    ),
    coordinators=("demo",),
    tasks=PLAN1_TASKS,
)


# ================================================================ plan 2: 서울시 지역상생 발전 시행계획

SEOUL_NETWORK_SAMPLE = TaskSpec(
    code="1-1",
    title="지역상생 네트워크 활성화",
    area=1,
    status="on_track",
    progress=50,
    lead=("서울", "대외협력담당관"),
    partners=("전남",),
    agreement="서울전남",
    implementer="서울특별시",
    novelty=Task.Novelty.CONTINUING,
    budget_class=Task.BudgetClass.BUDGET,
    period_kind=Task.PeriodKind.RECURRING,
    period_text="2017. 1 ~ 12월",
    location="서울특별시 중구 세종대로 110 서울시청",
    execution_type=Task.ExecutionType.DIRECT,
    expense_type=Task.ExpenseType.CURRENT,
    goal="서울시와 우호교류협약 체결 자치단체(광역, 기초) 간 지속적인 협력의 장 마련",
    contacts=(
        ("과장", "김수덕", "2133-6650"),
        ("팀장", "김형태", "2133-6659"),
        ("주무관", "정성욱", "2133-6671"),
    ),
    texts={
        "purpose": """
○ 타 자치단체와의 협약 체결이 전국적으로 확대됨에 따라, 협약체결 후 자치단체간의 지속적인 소통·협력의 장 마련
○ 협약체결 자치단체간 사업추진 성과를 평가, 모니터링하고 협력사업 및 우수사례를 공유
""",
        "basis": """
○ 법령상 근거
  • 서울특별시 대외협력기금의 설치 및 운용에 관한 조례 6조
○ 기타 근거
  • 지역 상생발전 기본계획 수립(행정1부시장 방침 제255호, '15.6)
""",
        "content": """
○ 사업명 : 지역상생 네트워크 활성화
○ 사업기간 : 2017. 1 ~ 12월
○ 장 소 : 서울시청 및 서울광장, 청계광장, 타 자치단체 등
○ 참 가 : 서울시와 협약 체결한 자치단체 및 지역활동가·학계 등
○ 사업내용
  • 지역상생포럼 정례총회 개최
    ▷ 사업시기 : 2017년 상반기
    ▷ 참여대상 : 우호교류협약 체결 지자체 관계자, 민간단체·전문가, 학계 등
    ▷ 사업내용 : 지자체간 협력사업 추진 점검, 토론회, 전문가 강의 등
  • 지역 상생교류 박람회
    ▷ 사업시기 : 2017년 상반기(포럼 정례총회와 연계 개최)
    ▷ 사업내용 : 귀농귀촌 박람회, 지역 관광지 및 특산품 홍보·소개, 상생문화마당(체험) 운영 등
  • 권역별 순회 민·관협력세미나 개최
    ▷ 사업시기 : 2017년 상·하반기(2회)
    ▷ 사업내용 : 권역별 모임 및 혁신사례 공유를 위한 토론회 등
  • 서울정책연수프로그램
    ▷ 사업시기 : 2017년 연중
    ▷ 사업내용 : 시정혁신사례 공유 및 인적교류를 위한 서울정책연수프로그램 운영
  • 지역상생사업 홍보지원
    ▷ 사업시기: 2017년 연중
    ▷ 사업내용: 지역간 협력사업 및 민간의 상생정책 참여유도를 위한 기획홍보 등
○ 총사업비 : 250,000천원
""",
        "focus": """
○ 서울을 중심으로 다자간 협력관계를 구축하여 지역 간 상생협력 기반 마련
○ 민·관 협력 확대로 지속적이고 실효성 있는 상호 교류 및 상생협력 사업 발굴·추진
""",
        "procedure": """
○ 집행절차
  • 기본계획 수립(서울시) → 상생협력사업 모델 발굴을 위한 간담회 개최(서울시, 참여 자치단체) \
→ 포럼 기획·운영 위탁업체 선정 → 행사추진 및 결과·정산 보고 \
→ 권역별 순회 민·관 협력 세미나 개최(서울시, 참여 자치단체)
○ 계약체결
  • 프로그램 및 행사 운영업체 공모 후 계약체결
  • 협상에 의한 계약(지방자치단체를 당사자로 하는 계약에 관한 법률 시행령 제43조)
""",
        "effect": """
○ '지역상생'을 위한 교류 협력사업의 혁신모델 발굴·공유하여 지역 상호 발전 선도
○ 우호교류협약 체결 기관과의 실질적 협력체계 구축
""",
    },
    budget=money("planned", "시비", {2017: 350_000}),
    items=(
        Item(
            2017,
            "201-01",
            "사무관리비",
            lines=(
                Line(
                    "권역별 순회 민관협력 세미나",
                    20_000,
                    (
                        Line("전문가 토론 강의료", 8_000),
                        Line("사례집 제작", 4_000),
                        Line("버스운임 등 운영비", 8_000),
                    ),
                ),
                Line("지역교류 활성화를 위한 홍보지원", 100_000),
            ),
        ),
        Item(
            2017,
            "201-03",
            "행사운영비",
            lines=(
                Line(
                    "지역상생포럼 정례총회 개최",
                    40_000,
                    (
                        Line("정례총회 행사운영 및 사전공연 등", 20_000),
                        Line("토론회 강의료 등", 10_000),
                        Line("지역활동가 프로그램 지원", 10_000),
                    ),
                ),
                Line(
                    "지역상생교류 박람회",
                    90_000,
                    (
                        Line("행사 기획 운영비", 20_000),
                        Line("음향, 영상등 설치비", 10_000),
                        Line("부대행사 설치 및 렌탈", 20_000),
                        Line("운영인건비", 20_000),
                        Line("전시지원(조형물, 전시물) 및 부대비용 등", 20_000),
                    ),
                ),
                Line(
                    "서울정책연수프로그램 운영",
                    100_000,
                    (
                        Line("정책연수프로그램 인건비", 55_000),
                        Line("강사료", 22_600),
                        Line("홍보 및 부대비용 등", 22_400),
                    ),
                ),
            ),
        ),
    ),
    settlements=(Settle(2015, original=100_000, carried_in=0, change=0, executed=88_645, carried_out=0),),
    schedule=(
        Sched(
            2017,
            "지역상생포럼 정례총회",
            "2017.01~2017.12",
            40_000,
            "지역 협력사업 점검·평가, 토론회, 전문가 강의, 우수사례 발표 등",
        ),
        Sched(2017, "지역상생 교류 박람회", "2017.01~2017.12", 90_000, "상생문화마당 및 박람회 개최"),
        Sched(
            2017,
            "권역별 민관협력세미나",
            "2017.01~2017.12",
            20_000,
            "전문가, 활동가 토론 및 신규 협력사업 발굴(상,하반기)",
        ),
        Sched(2017, "서울정책연수프로그램", "2017.01~2017.12", 100_000, "서울시정혁신사례 공유 및 인적교류"),
        Sched(
            2017,
            "지역교류활성화를 위한 홍보지원",
            "2017.01~2017.12",
            100_000,
            "지역간 협력사업 및 민간의 상생정책 참여유도를 위한 홍보지원",
        ),
    ),
    activities=(
        # 추진경위
        act("'14.08.10", "전국 지자체를 대상으로 하는 “지방상생포럼” 구축(시장 요청사항)"),
        act("'15.05.18", "지역상생포럼 구성·운영 계획(안) 수립"),
        act("'15.06.04", "지역과 함께 서로살림, 2015 지역상생포럼 개최"),
        act("'15.06.29", "지역 상생발전 기본계획 수립(행정1부시장 방침 제255호)"),
        act("'16.03.15", "2016년 지역상생발전 시행계획(기획조정실장 방침)"),
        act("'16.03.28", "서울정책연수 견학프로그램 개발추진계획 수립"),
        # 최근 3년 추진실적
        act("'15. 6. 4", "지역상생포럼 창립총회 개최", "• 우리시와 MOU 체결한 19개 자치단체 참여"),
        act(
            "'15. 6. 4",
            "지역상생발전 민관협력 포럼 개최",
            "• 지역상생 관련 전문가, 활동가, 공무원, 시민단체 130여명 참여",
            participants=130,
        ),
        act(
            "'16. 6. 13",
            "지역상생발전 민관협력 세미나 개최",
            "• 지역기반 민간활동가, 지역상생 관련 전문가 및 공무원 100여명 참여",
            participants=100,
        ),
        act("'16. 10", "지역상생포럼 정례총회 및 박람회 ('16.10월 개최 예정)"),
    ),
    stated=(
        ("total_cost", 250_000, "사업설명서 사업내용"),
        ("items.2017.total", 350_000, "사업설명서 예산 총괄"),
        ("items.2017.201-01", 120_000, "사업설명서 예산 총괄"),
        ("items.2017.201-03", 230_000, "사업설명서 예산 총괄"),
        ("items.2017.total.change", 150_000, "사업설명서 예산 총괄"),
        ("items.2017.total.change_rate", 75, "사업설명서 예산 총괄"),
        ("items.2017.201-01.change", 100_000, "사업설명서 예산 총괄"),
        ("items.2017.201-01.change_rate", 500, "사업설명서 예산 총괄"),
        ("items.2017.201-03.change", 50_000, "사업설명서 예산 총괄"),
        ("items.2017.201-03.change_rate", 28, "사업설명서 예산 총괄"),
        ("settlement.2015.current", 100_000, "사업설명서 최근 3년 결산 현황"),
        ("settlement.2015.balance", 11_355, "사업설명서 최근 3년 결산 현황"),
        ("schedule.2017.total", 350_000, "사업설명서 2017년도 추진일정"),
    ),
)

SJ = "서울전남"

PLAN2_TASKS: tuple[TaskSpec, ...] = (
    SEOUL_NETWORK_SAMPLE,
    TaskSpec(
        code="1-2",
        title="서울-지방 공무원 인사교류",
        area=1,
        status="on_track",
        progress=60,
        lead=("서울", "인사과"),
        partners=("전남", "강원"),
        novelty=Task.Novelty.CONTINUING,
        budget_class=Task.BudgetClass.NON_BUDGET,
        implementer="서울특별시",
        contacts=(("주무관", "안혜진", "2133-5711"),),
        goal="우호교류 자치단체와 공무원 1:1 맞교환·파견으로 정책 경험을 나눕니다.",
        indicators=(numeric("교류 인원", "명", {2016: 6, 2017: 8, 2018: 8}, {2016: 6, 2017: 7}),),
        activities=(
            act("'16. 7. 1", "전라남도와 1:1 맞교환 인사교류(2명)", participants=2),
            act("'17. 1. 9", "강원도 파견 교류(2명)", participants=2),
        ),
    ),
    TaskSpec(
        code="2-1",
        title="전남 귀농귀촌 지원",
        area=2,
        status="on_track",
        progress=55,
        lead=("서울", "도시농업과"),
        partners=("전남", "순천"),
        agreement=SJ,
        implementer="서울특별시",
        contacts=(("주무관", "황보민", "2133-5381"),),
        goal="서울 시민의 전남 귀농귀촌을 상담부터 정착까지 함께 지원합니다.",
        indicators=(
            numeric("귀농귀촌 상담", "건", {2016: 500, 2017: 600, 2018: 700}, {2016: 540, 2017: 610}),
        ),
        budget=(
            *money("planned", "시비", {2016: 60_000, 2017: 80_000, 2018: 80_000}),
            *money("secured", "시비", {2016: 60_000, 2017: 80_000}),
            *money("executed", "시비", {2016: 57_300, 2017: 52_000}),
        ),
        activities=(
            act("'17. 3. 24 ~ '17. 3. 26", "서울 귀농귀촌 박람회 전남 홍보관 운영", participants=1200),
            act("'17. 5", "전남 귀농 현장체험 투어(2회)", participants=80),
        ),
    ),
    TaskSpec(
        code="2-2",
        title="우호교류 지자체 특산품 직거래장터",
        area=2,
        status="continuing",
        progress=100,
        lead=("서울", "생활경제과"),
        partners=("전남", "강원", "충남"),
        implementer="서울특별시",
        novelty=Task.Novelty.CONTINUING,
        contacts=(("주무관", "노수빈", "2133-5521"),),
        budget=(
            *money("planned", "시비", {2016: 40_000, 2017: 40_000}),
            *money("secured", "시비", {2016: 40_000, 2017: 40_000}),
            *money("executed", "시비", {2016: 39_100}),
        ),
        activities=(
            act("'16. 9. 9 ~ '16. 9. 10", "추석맞이 직거래장터(서울광장, 32개 시·군 참여)"),
            act("'17. 4 ~ '17. 10", "주말 직거래장터 정례 운영"),
        ),
    ),
    TaskSpec(
        code="3-1",
        title="강원 상생 관광 교류",
        area=3,
        status="partial",
        progress=30,
        lead=("서울", "관광정책과"),
        partners=("강원",),
        implementer="서울특별시",
        contacts=(("주무관", "길태현", "2133-2811"),),
        indicators=(numeric("연계 관광상품 출시", "개", {2017: 4, 2018: 4}, {2017: 1}),),
        texts={"problems": "○ 강원 관광지 연계 교통편 부족\n  • 관광버스 운행 지원 방안 협의"},
        activities=(act("'17. 6", "서울-강원 연계 관광상품 공동 개발 협의"),),
    ),
    TaskSpec(
        code="3-2",
        title="서울-지방 청년 교류 프로그램",
        area=3,
        status="on_track",
        progress=40,
        lead=("서울", "청년정책담당관"),
        partners=("전남", "충남"),
        implementer="서울특별시",
        contacts=(("주무관", "차윤아", "2133-6581"),),
        goal="서울 청년이 지역에서 일과 삶을 경험하고 지역 청년과 함께 일자리를 만듭니다.",
        budget=(
            *money("planned", "시비", {2017: 120_000, 2018: 150_000}),
            *money("secured", "시비", {2017: 120_000}),
        ),
        activities=(act("'17. 7. 17 ~ '17. 8. 4", "청년 지역살이 체험(전남·충남)", participants=40),),
    ),
)

PLAN2 = PlanSpec(
    title="서울시 지역상생 발전 시행계획",
    description=(
        "지역 상생발전 기본계획('15.6)에 따른 서울시와 우호교류협약 체결 자치단체 간 상생협력 사업. "
        "※ 시연 자료: 1-1은 실제 예산 사업설명서 그대로이고, 다른 과제의 내용과 수치는 예시입니다."
    ),
    # 전라남도 takes part as a partner of the tasks, not as a member of the plan: the demo's 전남 user
    # ("outsider") must not see any plan, and a plan is visible to users of its member governments.
    organizations=("서울", "강원", "충남"),
    term=(2015, 2018),
    sources=(("국비", True), ("시비", False), ("구비", False)),
    areas=("상생협력 기반 조성", "지역경제 상생", "사람·문화 교류"),
    coordinators=("demo", "seoul"),
    tasks=PLAN2_TASKS,
)


# ================================================================ plan 3: 달빛동맹 상생협력

DB = "달빛"


def _db(
    code: str,
    title: str,
    area: int,
    status: str,
    progress: int,
    lead: tuple[str, str],
    partners: tuple[str, ...],
    **kw: Any,
) -> TaskSpec:
    kw.setdefault("agreement", DB)
    return TaskSpec(
        code=code,
        title=title,
        area=area,
        status=status,
        progress=progress,
        lead=lead,
        partners=partners,
        **kw,
    )


PLAN3_TASKS: tuple[TaskSpec, ...] = (
    _db(
        "1-1",
        "달빛내륙철도(광주~대구) 조기 건설 공동 대응",
        1,
        "on_track",
        35,
        ("대구", "철도시설과"),
        ("광주",),
        central_coop="국토교통부",
        contacts=(("담당자", "김도현", "053-803-4811"),),
        indicators=(
            Ind(
                name="국가계획 반영",
                kind=Indicator.Kind.MILESTONE,
                values=(
                    Val(
                        2021,
                        plan_text="제4차 국가철도망 구축계획 반영",
                        actual_text="반영 완료",
                        achieved=True,
                        achieved_on=dt.date(2021, 7, 5),
                    ),
                    Val(2022, plan_text="특별법 제정 공동 건의"),
                ),
            ),
        ),
        activities=(
            act("'20. 10. 15", "달빛내륙철도 국가계획 반영 공동 건의문 전달"),
            act("'21. 7. 5", "제4차 국가철도망 구축계획 반영"),
        ),
    ),
    _db(
        "1-2",
        "광주~대구 고속도로 연계 광역교통 개선",
        1,
        "partial",
        20,
        ("광주", "교통정책과"),
        ("대구",),
        contacts=(("담당자", "고은혁", "062-613-3611"),),
    ),
    _db(
        "2-1",
        "미래형자동차 산업 공동 육성",
        2,
        "on_track",
        45,
        ("광주", "미래차산업과"),
        ("대구",),
        contacts=(("담당자", "양승훈", "062-613-3911"),),
        budget=(
            *money("planned", "국비", {2020: 1_000_000, 2021: 1_500_000, 2022: 1_500_000}),
            *money("planned", "시비", {2020: 300_000, 2021: 400_000, 2022: 400_000}),
            *money("secured", "국비", {2020: 1_000_000, 2021: 1_500_000}),
            *money("secured", "시비", {2020: 300_000, 2021: 400_000}),
            *money("executed", "국비", {2020: 950_000, 2021: 1_200_000}),
            *money("executed", "시비", {2020: 290_000, 2021: 330_000}),
        ),
        activities=(act("'20. 11", "미래차 부품기업 공동 실증 지원"),),
    ),
    _db(
        "2-2",
        "의료산업 협력(첨단의료·광주 의료기기)",
        2,
        "on_track",
        50,
        ("대구", "의료산업과"),
        ("광주",),
        contacts=(("담당자", "서지훈", "053-803-3631"),),
    ),
    _db(
        "2-3",
        "인공지능·디지털 산업 교류",
        2,
        "on_track",
        30,
        ("광주", "인공지능산업과"),
        ("대구",),
        contacts=(("담당자", "탁민서", "062-613-3941"),),
        indicators=(numeric("공동 실증과제", "건", {2021: 3, 2022: 3}, {2021: 2}),),
    ),
    _db(
        "3-1",
        "2038 하계아시안게임 공동유치",
        3,
        "on_track",
        25,
        ("대구", "체육진흥과"),
        ("광주",),
        contacts=(("담당자", "우현석", "053-803-3931"),),
        activities=(act("'21. 5", "2038 하계아시안게임 공동유치 추진 협의"),),
    ),
    _db(
        "3-2",
        "달빛 문화예술 교류",
        3,
        "continuing",
        100,
        ("광주", "문화정책과"),
        ("대구",),
        novelty=Task.Novelty.CONTINUING,
        contacts=(("담당자", "진예은", "062-613-2411"),),
        activities=(act("'19. 9", "광주비엔날레·대구 오페라축제 상호 관람 교류", participants=120),),
    ),
    _db(
        "3-3",
        "달빛동맹 공동 관광상품 개발",
        3,
        "partial",
        20,
        ("광주", "관광진흥과"),
        ("대구",),
        contacts=(("담당자", "염지호", "062-613-3711"),),
        texts={"problems": "○ 감염병 확산으로 단체관광 상품 운영 중단"},
    ),
    _db(
        "4-1",
        "달빛동맹 민간협력 교류",
        4,
        "continuing",
        100,
        ("대구", "정책기획관"),
        ("광주",),
        novelty=Task.Novelty.CONTINUING,
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "정수민", "053-803-2653"),),
        activities=(
            act("'19. 5. 18", "5·18 민주화운동 기념식 대구 시민 참석", participants=60),
            act("'19. 2. 28", "2·28 민주운동 기념식 광주 시민 참석", participants=50),
        ),
    ),
    _db(
        "4-2",
        "재난·감염병 상호 지원체계 구축",
        4,
        "completed",
        100,
        ("광주", "안전정책관"),
        ("대구",),
        budget_class=Task.BudgetClass.NON_BUDGET,
        contacts=(("담당자", "석진우", "062-613-4811"),),
        activities=(
            act("'20. 3", "대구 감염병 환자 광주 병상 지원"),
            act("'20. 8", "재난·감염병 상호 지원 협약"),
        ),
    ),
)

PLAN3 = PlanSpec(
    title="달빛동맹 상생협력",
    description=(
        "대구(달구벌)와 광주(빛고을)의 영호남 상생협력 과제. ※ 시연 자료: 과제의 내용과 수치는 예시입니다."
    ),
    organizations=("대구", "광주"),
    term=(2019, 2022),
    sources=(("국비", True), ("시비", False), ("민자등", False)),
    areas=("광역교통 인프라", "미래산업 협력", "문화·체육·관광", "시민교류·안전"),
    coordinators=("demo",),
    tasks=PLAN3_TASKS,
)

PLANS: tuple[PlanSpec, ...] = (PLAN1, PLAN2, PLAN3)


# ================================================================ loading


def existing_demo_usernames() -> list[str]:
    names = [u.username for u in USERS]
    return list(User.objects.filter(username__in=names).values_list("username", flat=True))


def _refusal() -> str | None:
    plans = Plan.objects.count()
    if plans:
        return (
            f"이미 계획 {plans}건이 등록되어 있어 시연 자료를 불러오지 않습니다. "
            "시연 자료는 빈 데이터베이스에만 불러올 수 있습니다."
        )
    orgs = Organization.objects.count()
    if orgs:
        return (
            f"이미 기관 {orgs}곳이 등록되어 있어 시연 자료를 불러오지 않습니다. "
            "시연 자료는 빈 데이터베이스에만 불러올 수 있습니다."
        )
    taken = sorted(existing_demo_usernames())
    if taken:
        return f"시연 계정({', '.join(taken)})이 이미 있어 시연 자료를 불러오지 않습니다."
    return None


def database_is_empty() -> bool:
    """True when the demo may be loaded: no plan, no organization and none of the demo accounts."""
    return _refusal() is None


class _Loader:
    def __init__(self, progress: Callable[[str], None]) -> None:
        self.progress = progress
        self.orgs: dict[str, Organization] = {}
        self.depts: dict[tuple[str, str], Department] = {}
        self.agreements: dict[str, Agreement] = {}
        self.users: dict[str, User] = {}
        self.tasks: list[Task] = []
        self.parents: list[tuple[int, Task]] = []  # (depth, task)
        self.rows: dict[type[models.Model], list[Any]] = {}

    def add(self, obj: Any) -> None:
        self.rows.setdefault(type(obj), []).append(obj)

    # ---------------------------------------------------------------- reference data

    def organizations(self) -> None:
        for name, short, kind, parent in ORGANIZATIONS:
            self.orgs[short] = Organization.objects.create(
                name=name, short_name=short, kind=kind, parent=self.orgs[parent] if parent else None
            )
        for short, tree in DEPARTMENTS.items():
            self._departments(short, tree, None)
        for key, title, kind, parties, signed_on, scope in AGREEMENTS:
            agreement = Agreement.objects.create(title=title, kind=kind, signed_on=signed_on, scope=scope)
            agreement.parties.set([self.orgs[p] for p in parties])
            self.agreements[key] = agreement

    def _departments(self, org: str, tree: DeptTree, parent: Department | None) -> None:
        for name, level, children in tree:
            if (org, name) in self.depts:
                raise ValueError(f"duplicate demo department {org} {name}")
            dept = Department.objects.create(
                organization=self.orgs[org], parent=parent, name=name, level=level
            )
            self.depts[(org, name)] = dept
            self._departments(org, children, dept)

    def accounts(self) -> None:
        for spec in USERS:
            user = User(
                username=spec.username,
                name=spec.name,
                organization=self.orgs[spec.org],
                department=self.depts[(spec.org, spec.dept)] if spec.dept else None,
                phone=spec.phone,
                kind=spec.kind,
                is_staff=False,
                is_superuser=False,
            )
            user.set_password(spec.password)
            user.save()
            self.users[spec.username] = user
            # A demo should open on the plans, not on 2FA enrolment: a year to postpone, with a reminder.
            grant_grace(user=user, until=timezone.now() + dt.timedelta(days=365), actor=None)

    # ---------------------------------------------------------------- plans and cards

    def plan(self, spec: PlanSpec) -> None:
        plan = Plan.objects.create(
            title=spec.title,
            description=spec.description,
            term_start_year=spec.term[0],
            term_end_year=spec.term[1],
            last_year_label=spec.last_year_label,
            is_published=spec.is_published,
        )
        plan.organizations.set([self.orgs[o] for o in spec.organizations])
        plan.coordinators.set([self.users[u] for u in spec.coordinators])
        areas = Area.objects.bulk_create(
            [Area(plan=plan, number=i, name=name) for i, name in enumerate(spec.areas, start=1)]
        )
        area_of = {a.number: a for a in areas}
        sources = {
            name: FundingSource.objects.create(plan=plan, name=name, is_national=national, order=i)
            for i, (name, national) in enumerate(spec.sources)
        }
        by_code: dict[str, Task] = {}
        depth: dict[str, int] = {}
        for ts in spec.tasks:
            parent = by_code[ts.parent] if ts.parent else None
            depth[ts.code] = depth[ts.parent] + 1 if ts.parent else 0
            task = self.task(plan, ts, parent, area_of, sources)
            by_code[ts.code] = task
        for ts in spec.tasks:
            if ts.progress is None:
                self.parents.append((depth[ts.code], by_code[ts.code]))
        log_event(actor=None, action="plan_create", summary=f"시연 자료 등록: {plan.title}", plan=plan)
        self.progress(f"  「{plan.title}」 과제 {len(spec.tasks)}건")

    def task(
        self,
        plan: Plan,
        ts: TaskSpec,
        parent: Task | None,
        area_of: dict[int, Area],
        sources: dict[str, FundingSource],
    ) -> Task:
        task = Task.objects.create(
            plan=plan,
            area=area_of[ts.area] if ts.area else (parent.area if parent else None),
            parent=parent,
            code=ts.code,
            sort_key=sort_key(ts.code),
            title=ts.title,
            slogan=ts.slogan,
            status=ts.status,
            progress=Decimal(ts.progress or 0),
            rollup=ts.rollup,
            weight=Decimal(ts.weight),
            implementer=ts.implementer,
            term_class=ts.term_class,
            novelty=ts.novelty,
            budget_class=ts.budget_class,
            lead_department=self.depts[ts.lead] if ts.lead else None,
            central_coop=ts.central_coop,
            agreement=self.agreements[ts.agreement] if ts.agreement else None,
            goal=ts.goal,
            term_indicator=ts.term_indicator,
            period_kind=ts.period_kind,
            period_text=ts.period_text,
            location=ts.location,
            execution_type=ts.execution_type,
            expense_type=ts.expense_type,
            prior_procedures=[],
        )
        self.tasks.append(task)
        for org in ts.partners:
            self.add(Task.partners.through(task=task, organization=self.orgs[org]))
        for order, (role, name, phone) in enumerate(ts.contacts):
            self.add(Contact(task=task, role=role, name=name, phone=phone, order=order))
        for kind, text in ts.texts.items():
            self.add(TaskText(task=task, kind=kind, items=bullets.parse(text)))
        indicator_ids: dict[str, int] = {}
        for order, ind in enumerate(ts.indicators):
            indicator = Indicator.objects.create(
                task=task,
                name=ind.name,
                kind=ind.kind,
                unit=ind.unit,
                aggregation=ind.aggregation,
                term_plan_text=ind.term_plan_text,
                term_actual_text=ind.term_actual_text,
                note=ind.note,
                order=order,
            )
            indicator_ids[f"i{order}"] = indicator.pk
            for v in ind.values:
                self.add(
                    IndicatorValue(
                        indicator=indicator,
                        year=v.year,
                        target=Decimal(v.target) if v.target is not None else None,
                        actual=Decimal(v.actual) if v.actual is not None else None,
                        plan_text=v.plan_text,
                        actual_text=v.actual_text,
                        achieved=v.achieved,
                        achieved_on=v.achieved_on,
                    )
                )
        for m in ts.budget:
            self.add(
                BudgetEntry(
                    task=task,
                    source=sources[m.source],
                    kind=m.kind,
                    bucket=m.bucket,
                    year=m.year,
                    amount=m.amount,
                )
            )
        for item in ts.items:
            budget_item = BudgetItem.objects.create(
                task=task, year=item.year, code=item.code, name=item.name, stated_amount=item.stated_amount
            )
            self._lines(budget_item, item.lines, None)
        for s in ts.settlements:
            self.add(
                Settlement(
                    task=task,
                    year=s.year,
                    original=s.original,
                    carried_in=s.carried_in,
                    change=s.change,
                    executed=s.executed,
                    carried_out=s.carried_out,
                )
            )
        for order, sc in enumerate(ts.schedule):
            self.add(
                ScheduleLine(
                    task=task,
                    year=sc.year,
                    label=sc.label,
                    period=sc.period,
                    amount=sc.amount,
                    detail=sc.detail,
                    order=order,
                )
            )
        for a in ts.activities:
            self.add(
                Activity(
                    task=task,
                    start=a.start,
                    start_precision=a.start_precision,
                    end=a.end,
                    end_precision=a.end_precision,
                    open_ended=a.open_ended,
                    text=a.text,
                    details=a.details,
                    participants=a.participants,
                )
            )
        for lg in ts.legislation:
            self.add(
                Legislation(
                    task=task,
                    name=lg.name,
                    bill_kind=lg.bill_kind,
                    proposed_on=lg.proposed_on,
                    committee_on=lg.committee_on,
                    plenary_on=lg.plenary_on,
                    promulgated_on=lg.promulgated_on,
                    note=lg.note,
                )
            )
        for key, value, source in ts.stated:
            self.add(
                StatedFigure(task=task, key=key.format(**indicator_ids), value=Decimal(value), source=source)
            )
        return task

    def _lines(self, item: BudgetItem, lines: tuple[Line, ...], parent: CostLine | None) -> None:
        for order, line in enumerate(lines):
            row = CostLine.objects.create(
                item=item, parent=parent, label=line.label, amount=line.amount, order=order
            )
            self._lines(item, line.children, row)

    def flush(self) -> None:
        for model, rows in self.rows.items():
            model._default_manager.bulk_create(rows)
        self.rows.clear()

    def finish(self) -> None:
        """Roll up parents (deepest first), then give every card its first audited revision."""
        for _, task in sorted(self.parents, key=lambda p: -p[0]):
            task.refresh_from_db()
            recompute_progress(task)
        for task in self.tasks:
            task.refresh_from_db()
            record_initial_state(task=task, actor=None, summary="시연 자료 등록")


def load_demo(*, progress: Callable[[str], None] = print) -> DemoSummary:
    """Load the demo into an empty database, in one transaction. Raises DemoError when data exists."""
    started = time.perf_counter()
    with transaction.atomic():
        refusal = _refusal()
        if refusal:
            raise DemoError(refusal)
        loader = _Loader(progress)
        progress("기관·부서·협약 등록")
        loader.organizations()
        progress("시연 계정 등록")
        loader.accounts()
        progress("계획·과제 등록")
        for spec in PLANS:
            loader.plan(spec)
        loader.flush()
        progress("진도율 집계 및 관리카드 첫 이력 기록")
        loader.finish()
        progress("실적 보고 회차 (2019년 2분기 확정, 3분기 진행 중)")
        load_rounds(loader.users)
        load_extras(
            DemoContext(
                users=loader.users,
                orgs=loader.orgs,
                depts=loader.depts,
                agreements=loader.agreements,
                progress=progress,
            )
        )
        summary = DemoSummary(
            organizations=Organization.objects.count(),
            departments=Department.objects.count(),
            agreements=Agreement.objects.count(),
            users=len(loader.users),
            plans=Plan.objects.count(),
            tasks=Task.objects.count(),
            indicators=Indicator.objects.count(),
            budget_entries=BudgetEntry.objects.count(),
            activities=Activity.objects.count(),
            audit_logs=AuditLog.objects.count(),
            seconds=time.perf_counter() - started,
            logins=tuple(DemoLogin(u.username, u.password, u.name, u.who) for u in USERS),
        )
    progress(f"완료 ({summary.seconds:.1f}초)")
    return summary
