"""The requests' world: the shared `world` plus 포항 (a city under 경북) with an officer, 경북's
departments to assign to, and helpers that read like the steps of the people involved."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from sangsaeng.accounts.models import Kind, User
from sangsaeng.conftest import World, make_user
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.requests import services
from sangsaeng.requests.models import PartnerRequest, RequestType

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DAY = dt.date(2026, 11, 2)


@dataclass
class RequestWorld:
    w: World
    pohang: Organization
    pohang_dept: Department
    pohang_officer: User
    auditor: User

    def client(self, user: User) -> Client:
        return self.w.client_for(user)

    def kind(self, name: str) -> RequestType:
        return RequestType.objects.get(name=name)

    def submit(
        self, *, kind: str = "건의", received_on: dt.date = DAY, by: User | None = None, **fields: Any
    ) -> PartnerRequest:
        """포항's officer sends a request to 경북."""
        user = by or self.pohang_officer
        assert user.organization is not None
        values: dict[str, Any] = {
            "subject": "영일만 횡단고속도로 조기 착공 건의",
            "body": "국가계획 반영을 위해 도 차원의 공동 건의를 요청합니다.",
            "receiving_org": self.w.gyeongbuk,
            "requester_org": user.organization,
        } | fields
        return services.request_submit(
            actor=user, request_type=self.kind(kind), received_on=received_on, **values
        )

    def assigned(self, req: PartnerRequest, dept: Department | None = None) -> PartnerRequest:
        return services.request_assign(
            actor=self.w.coordinator, req=req, department=dept or self.w.policy, revision=req.revision
        )

    def reviewing(self, req: PartnerRequest) -> PartnerRequest:
        req = self.assigned(req)
        return services.request_move(actor=self.w.officer, req=req, to="reviewing", revision=req.revision)

    def answered(
        self, req: PartnerRequest, *, on: dt.date | None = None, outcome: str = "accepted"
    ) -> PartnerRequest:
        req = self.reviewing(req)
        return services.request_answer(
            actor=self.w.officer,
            req=req,
            outcome=outcome,
            answer="도 건의과제로 반영하겠습니다.",
            reason="" if outcome == "accepted" else "재원 부족",
            revision=req.revision,
            answered_on=on,
        )


@pytest.fixture
def rw(world: World) -> RequestWorld:
    pohang = Organization.objects.create(
        name="포항시", short_name="포항", kind="local", parent=world.gyeongbuk
    )
    dept = Department.objects.create(organization=pohang, name="기획예산과")
    officer = make_user("pohang", pohang, dept)
    auditor = make_user("auditor", world.gyeongbuk)
    auditor.kind = Kind.AUDITOR
    auditor.save(update_fields=["kind"])
    return RequestWorld(w=world, pohang=pohang, pohang_dept=dept, pohang_officer=officer, auditor=auditor)
