"""This app's part of the demo data (see sangsaeng.demo.extras): exchanges between 대구 and 경북, past
and current. Current ones are dated from the day the demo is loaded, so they stay current."""

import datetime as dt
from typing import Any

from django.utils import timezone

from sangsaeng.demo.extras import DemoContext
from sangsaeng.personnel import services
from sangsaeng.personnel.allowance import add_years
from sangsaeng.personnel.models import Exchange


def _exchange(**fields: Any) -> dict[str, Any]:
    blank: dict[str, Any] = {
        "person_title": "",
        "person_grade": None,
        "home_department": None,
        "host_department": None,
        "counterpart_name": "",
        "counterpart_title": "",
        "counterpart_grade": None,
        "end": None,
        "purpose": "",
        "agreement": None,
        "return_guaranteed": True,
        "evaluation_rating": "",
        "evaluation": "",
    }
    return blank | fields


def load(ctx: DemoContext) -> None:
    gb, dg = ctx.orgs["경북"], ctx.orgs["대구"]
    d = ctx.depts
    hanppuri = ctx.agreements.get("한뿌리")
    today = timezone.localdate()
    first = (today.replace(day=1) - dt.timedelta(days=100)).replace(day=1)
    rows = [
        _exchange(
            kind=Exchange.Kind.SWAP,
            person_name="박민수",
            person_title="인사담당",
            person_grade=5,
            home_org=gb,
            home_department=d[("경북", "인사과")],
            host_org=dg,
            host_department=d[("대구", "정책기획관")],
            counterpart_name="이정훈",
            counterpart_title="기획담당",
            counterpart_grade=5,
            start=dt.date(2019, 1, 7),
            end=dt.date(2019, 12, 31),
            purpose="시·도 상생협력 부서 간 1:1 맞교환으로 상대 시·도의 정책 경험 공유",
            agreement=hanppuri,
            evaluation_rating=Exchange.Rating.EXCELLENT,
            evaluation="상생협력과제 2건 공동 발굴, 복귀 후 상생협력 부서 배치",
        ),
        _exchange(
            kind=Exchange.Kind.SWAP,
            person_name="김서연",
            person_title="관광기획담당",
            person_grade=5,
            home_org=gb,
            home_department=d[("경북", "관광정책과")],
            host_org=dg,
            host_department=d[("대구", "관광과")],
            counterpart_name="최도윤",
            counterpart_title="관광마케팅담당",
            counterpart_grade=5,
            start=first,
            end=add_years(first, 1) - dt.timedelta(days=1),
            purpose="대구·경북 공동 관광상품 개발과 관광패스 운영 협업",
            agreement=hanppuri,
        ),
        _exchange(
            kind=Exchange.Kind.DISPATCH,
            person_name="정하늘",
            person_title="주무관",
            person_grade=6,
            home_org=gb,
            home_department=d[("경북", "신공항추진과")],
            host_org=dg,
            host_department=d[("대구", "신공항정책과")],
            start=first.replace(day=1) - dt.timedelta(days=180),
            end=add_years(first.replace(day=1) - dt.timedelta(days=180), 2) - dt.timedelta(days=1),
            purpose="대구경북 통합신공항 공동 추진단 파견 근무",
            agreement=hanppuri,
        ),
        _exchange(
            kind=Exchange.Kind.ONE_DAY,
            person_name="윤재석",
            person_title="문화관광체육국장",
            person_grade=3,
            home_org=gb,
            home_department=d[("경북", "문화관광체육국")],
            host_org=dg,
            host_department=d[("대구", "문화체육관광국")],
            counterpart_name="한지민",
            counterpart_title="문화체육관광국장",
            counterpart_grade=3,
            start=dt.date(2019, 4, 15),
            end=dt.date(2019, 4, 15),
            purpose="실·국장 1일 교환근무: 역점시책 업무보고, 상생과제 현장점검",
            agreement=hanppuri,
            evaluation_rating=Exchange.Rating.GOOD,
        ),
        _exchange(
            kind=Exchange.Kind.TRANSFER,
            person_name="오세진",
            person_title="주무관",
            person_grade=7,
            home_org=dg,
            home_department=d[("대구", "경제정책과")],
            host_org=gb,
            host_department=d[("경북", "일자리정책과")],
            start=dt.date(2019, 3, 1),
            purpose="시·도 간 전출입(본인 희망)",
            return_guaranteed=False,
        ),
    ]
    actor = ctx.users["demo"]
    for data in rows:
        services.exchange_save(actor=actor, exchange=None, data=data, base_revision=None)
