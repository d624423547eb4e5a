"""This app's part of the demo data (see sangsaeng.demo.extras): the demo agreements get their terms,
a fuller scope and their status, through the same service as the pages."""

import datetime as dt

from sangsaeng.agreements import services
from sangsaeng.demo.extras import DemoContext
from sangsaeng.orgs.models import Agreement

# key → (term start, term end, indefinite, extra scope)
TERMS: dict[str, tuple[dt.date | None, dt.date | None, bool, str]] = {
    "한뿌리": (
        dt.date(2018, 8, 13),
        None,
        True,
        "\n○ 공무원 인사교류(1:1 맞교환, 시·도지사 1일 교환근무), 시책현장 상호방문, 공동 교육과정 운영",
    ),
    "달빛": (
        dt.date(2019, 1, 1),
        None,
        True,
        "\n○ 달빛내륙철도 공동 대응, 문화예술·관광 교류, 민간단체 교류 지원",
    ),
    "서울전남": (
        dt.date(2019, 1, 1),
        dt.date(2022, 12, 31),
        False,
        "\n○ 서울정책연수프로그램, 지역상생교류 박람회 참가",
    ),
}


def load(ctx: DemoContext) -> None:
    actor = ctx.users["demo"]
    for key, (start, end, indefinite, scope) in TERMS.items():
        agreement = ctx.agreements.get(key)
        if agreement is None:
            continue
        if key == "서울전남":
            actor = ctx.users["seoul"]
        fields = {name: getattr(agreement, name) for name in services.FIELDS}
        fields |= {
            "term_start": start,
            "term_end": end,
            "indefinite": indefinite,
            "scope": agreement.scope + scope,
            "status": Agreement.Status.ACTIVE,
        }
        ctx.agreements[key] = services.agreement_save(
            actor=actor,
            agreement=agreement,
            fields=fields,
            parties=list(agreement.parties.all()),
            base_revision=agreement.revision,
        )
