"""A committee of the world's plan, built through the services as a coordinator would."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from sangsaeng.committees import decisions, services
from sangsaeng.committees.models import AgendaItem, AgendaPaper, Committee, Decision, Meeting, Membership
from sangsaeng.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Setup:
    committee: Committee
    sub: Committee
    chair: Membership
    member: Membership  # has the partner viewer's account (대구)
    meeting: Meeting
    item: AgendaItem
    paper: AgendaPaper
    decision: Decision


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_committee(world: World, name: str = "한뿌리상생위원회", **kw: object) -> Committee:
    data = services.CommitteeInput(
        name=name,
        kind=Committee.Kind.JOINT,
        plan=world.plan,
        organizations=[world.daegu, world.gyeongbuk],
        cadence_count=2,
        cadence_period=Committee.Period.HALF,
    )
    for key, value in kw.items():
        setattr(data, key, value)
    return services.committee_create(actor=world.coordinator, data=data)


def make_meeting(
    world: World, committee: Committee, day: dt.date = dt.date(2019, 3, 28), title: str = ""
) -> Meeting:
    return services.meeting_schedule(
        actor=world.coordinator,
        committee=committee,
        data=services.MeetingInput(
            title=title or f"{committee.name} 회의",
            starts_at=at(day, 14),
            ends_at=at(day, 16),
            place="경북도청 회의실",
            host=world.gyeongbuk,
        ),
    )


def setup(world: World) -> Setup:
    committee = make_committee(world)
    sub = make_committee(
        world, "기반구축분과", kind=Committee.Kind.SUBCOMMITTEE, parent=committee, area=world.area
    )
    chair = services.membership_save(
        actor=world.coordinator,
        committee=committee,
        values={"name": "김위원장", "role": "co_chair", "side": "inside", "email": "chair@example.go.kr"},
    )
    member = services.membership_save(
        actor=world.coordinator,
        committee=committee,
        values={
            "name": "박위원",
            "side": "outside",
            "user": world.partner_viewer,
            "email": "park@example.kr",
        },
    )
    meeting = make_meeting(world, committee)
    item = services.add_agenda_item(
        actor=world.coordinator, meeting=meeting, title="과제 점검", task=world.task
    )
    paper = AgendaPaper.objects.create(
        agenda_item=item,
        token="p" * 20,
        original_name="회의자료.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=len(PDF),
        file=ContentFile(PDF, name="p"),
    )
    decision = decisions.decision_save(
        actor=world.coordinator,
        meeting=meeting,
        values={
            "kind": Decision.Kind.DROP_TASK,
            "task": world.task,
            "reason": "목적 달성",
            "agenda_item": item,
        },
    )
    services.cost_line_add(
        actor=world.coordinator, meeting=meeting, item="자문수당", unit_price=150_000, quantity=Decimal(3)
    )
    return Setup(committee, sub, chair, member, meeting, item, paper, decision)
