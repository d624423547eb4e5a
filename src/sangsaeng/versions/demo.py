"""This app's part of the demo data (see sangsaeng.demo.extras): the 2020 revision of the 한뿌리 plan.

The 2019 하반기 한뿌리상생위원회 (2019. 11. 13.) adopted four new tasks and dropped two; the 2020
revision writes that into a new plan for the rest of the term (2020–2022), with a mix of every change.
Its title leaves out "한뿌리" so the command line's lookups by part of a title (--plan 한뿌리) still
find one plan.
"""

import datetime as dt

from sangsaeng.committees.models import Decision
from sangsaeng.demo.extras import DemoContext
from sangsaeng.plans.models import Plan
from sangsaeng.plans.services import editing_card
from sangsaeng.versions import services
from sangsaeng.versions.models import Change, PlanVersion, TaskRevision

HANPPURI = "대구·경북 한뿌리 상생협력"
TITLE = "대구·경북 상생협력 (2020 개정)"
LABEL = "2020 개정"

# (old code, change, reason, extra): extra is the area number (이관), the code merged into (통합), or a
# new title for a supplemented task.
MARKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "1-1",
        Change.SUPPLEMENT,
        "1:1 맞교환에 더해 교환근무(3개월)를 추가하고 연 인원을 4명에서 6명으로 늘림",
        "",
    ),
    ("2-1", Change.SUPPLEMENT, "스마트공장 보급사업과 연계하도록 사업 내용 보완", ""),
    ("3-2", Change.SUPPLEMENT, "종이 패스를 모바일 관광패스로 전환", "대구경북 모바일 관광패스 운영"),
    ("4-8", Change.SUPPLEMENT, "미세먼지 계절관리제(12~3월) 공동 시행을 반영", ""),
    ("4-9", Change.SUPPLEMENT, "광역철도 개통 일정에 맞춰 환승할인 대상 노선 확대", ""),
    ("2-7", Change.DROP, "행정안전부 지역사랑상품권과 중복되어 시·도 각자 발행으로 대체", ""),
    ("4-4", Change.DROP, "2019. 10. 공도교 차량통행 개시로 목적 달성, 과제 종료", ""),
    ("3-7", Change.MERGE, "관광 홍보 창구를 일원화하기 위해 공동 관광마케팅 과제로 통합", "3-1"),
    ("5-3", Change.MERGE, "먹거리 공동체 사업으로 묶어 로컬푸드 직매장 과제로 통합", "5-2"),
    ("5-5", Change.MOVE, "청년 일자리 사업과 연계하기 위해 경제공동체 분야로 이관", "2"),
)
# (code, title, area, reason)
NEW_TASKS: tuple[tuple[str, str, int, str], ...] = (
    ("1-6", "대구경북 감염병 공동 대응 협력", 1, "코로나19 확산에 따른 병상·의료인력 공동 활용 체계 마련"),
    ("2-8", "대구경북 수소경제 협력벨트 조성", 2, "수소 규제자유특구 지정에 따른 공동 산업화"),
    (
        "3-10",
        "대구경북 관광 공동 온라인 플랫폼 구축",
        3,
        "비대면 관광 수요 증가에 대응한 공동 예약·홍보 창구",
    ),
    ("5-7", "대구경북 청년 정착 공동 지원", 5, "시·도민 과제 공모(2019) 제안 과제 채택"),
)


def load(ctx: DemoContext) -> None:
    old = Plan.objects.filter(title=HANPPURI).first()
    if old is None or PlanVersion.objects.filter(previous=old).exists():
        return
    actor = ctx.users["demo"]
    approve = Decision.objects.filter(
        meeting__committee__plan=old, kind=Decision.Kind.APPROVE_VERSION
    ).first()
    version = services.version_create(
        actor=actor,
        previous=old,
        title=TITLE,
        label=LABEL,
        term_start_year=2020,
        term_end_year=2022,
        last_year_label=old.last_year_label,
        revised_on=dt.date(2020, 1, 20),
        note=(
            "2019년 하반기 대구경북한뿌리상생위원회(2019. 11. 13.) 의결에 따라 신규 과제 4건을 반영하고 "
            "과제 2건을 제외하였으며, 유사 과제를 통합하고 분야를 조정했습니다."
        ),
        decision=approve,
    )
    new_tasks = {t.code: t for t in version.plan.tasks.filter(parent__isnull=True)}
    areas = {a.number: a for a in version.plan.areas.all()}
    olds = {t.code: t for t in old.tasks.filter(parent__isnull=True).select_related("area")}
    for code, change, reason, extra in MARKS:
        task = olds[code]
        decision = Decision.objects.filter(task=task).order_by("-meeting__starts_at").first()
        mark = services.Mark(
            change=change,
            reason=reason,
            decision=decision,
            area=areas[int(extra)] if change == Change.MOVE else None,
            merge_into=new_tasks[extra] if change == Change.MERGE else None,
            code="2-9" if change == Change.MOVE else "",
        )
        row = TaskRevision.objects.get(version=version, sources__task=task)
        services.task_mark(actor=actor, version=version, old=task, mark=mark, base_revision=row.revision)
        if change == Change.SUPPLEMENT and extra:
            # Supplementing happens on the card, as a coordinator would do it.
            with editing_card(
                task_id=new_tasks[code].pk, actor=actor, action="edit:header", summary="기본 정보"
            ) as card:
                card.task.title = extra
                card.task.save(update_fields=["title", "updated_at"])
    for code, title, area, reason in NEW_TASKS:
        # Led by the department leading the area's first task (1-1 for 분야 1, 2-1 for 분야 2, ...).
        lead = olds[f"{area}-1"].lead_department
        services.task_add(
            actor=actor,
            version=version,
            new=services.NewTask(
                code=code, title=title, area=areas[area], reason=reason, lead_department=lead
            ),
        )
    ctx.progress(f"  「{TITLE}」 ({LABEL}) 과제 변경 {version.revisions.count()}건")
