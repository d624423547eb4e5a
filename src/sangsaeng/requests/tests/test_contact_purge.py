"""The public form promises that a citizen's name and contact are kept one year after the request is
closed: the daily job then deletes them, keeps the request and its answer, logs it, and a second run
changes nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import run_jobs
from sangsaeng.requests import services
from sangsaeng.requests.models import PartnerRequest, State
from sangsaeng.requests.tests.conftest import DAY, RequestWorld

pytestmark = pytest.mark.django_db


def citizen_closed(rw: RequestWorld, *, subject: str, closed_on: dt.date) -> PartnerRequest:
    """A citizen's proposal, answered and closed on `closed_on`."""
    req = services.request_submit(
        actor=None,
        request_type=rw.kind("건의"),
        subject=subject,
        body="안내판이 낡았습니다.",
        receiving_org=rw.w.gyeongbuk,
        channel="citizen",
        requester_name="김시민",
        requester_contact="citizen@example.com",
        received_on=DAY,
    )
    req = rw.answered(req)
    req = services.request_move(actor=rw.w.coordinator, req=req, to=State.CLOSED, revision=req.revision)
    PartnerRequest.objects.filter(pk=req.pk).update(closed_on=closed_on)
    req.refresh_from_db()
    return req


def purge(day: dt.date) -> str:
    out = StringIO()
    call_command("request_reminders", "--today", day.isoformat(), stdout=out)
    return out.getvalue()


def test_contacts_are_deleted_a_year_after_closing_and_only_then(rw: RequestWorld) -> None:
    day = dt.date(2028, 3, 1)
    old = citizen_closed(rw, subject="둘레길 안내판 정비", closed_on=day - dt.timedelta(days=366))
    recent = citizen_closed(rw, subject="버스 정류장 그늘막", closed_on=day - dt.timedelta(days=364))
    # A government's request keeps its officer's name; an open proposal keeps its citizen's.
    partner = rw.answered(rw.submit(requester_name="포항시 기획예산과 홍길동"))
    partner = services.request_move(
        actor=rw.w.coordinator, req=partner, to=State.CLOSED, revision=partner.revision
    )
    PartnerRequest.objects.filter(pk=partner.pk).update(closed_on=day - dt.timedelta(days=400))
    open_one = services.request_submit(
        actor=None,
        request_type=rw.kind("건의"),
        subject="아직 검토 중인 제안",
        body="내용",
        receiving_org=rw.w.gyeongbuk,
        channel="citizen",
        requester_name="이시민",
        requester_contact="010-1234-5678",
        received_on=DAY,
    )

    assert "1건의 성명·연락처를 삭제했습니다" in purge(day)

    old.refresh_from_db()
    assert (old.requester_name, old.requester_contact) == ("", "")
    # The request itself and its answer stay.
    assert old.subject == "둘레길 안내판 정비" and old.body == "안내판이 낡았습니다."
    assert old.answer == "도 건의과제로 반영하겠습니다." and old.state == State.CLOSED
    for kept, name in ((recent, "김시민"), (partner, "포항시 기획예산과 홍길동"), (open_one, "이시민")):
        kept.refresh_from_db()
        assert kept.requester_name == name
    assert recent.requester_contact == "citizen@example.com" and open_one.requester_contact == "010-1234-5678"
    logged = AuditLog.objects.filter(action="request.purge_contact")
    assert logged.count() == 1 and old.number in logged.get().summary
    # The request's history says what happened, and the page no longer shows the contact.
    page = rw.client(rw.w.coordinator).get(f"/requests/{old.pk}/").content.decode()
    assert "개인정보 삭제" in page and "citizen@example.com" not in page and "김시민" not in page


def test_a_second_run_changes_nothing(rw: RequestWorld) -> None:
    day = dt.date(2028, 3, 1)
    old = citizen_closed(rw, subject="둘레길 안내판 정비", closed_on=day - dt.timedelta(days=366))
    purge(day)
    old.refresh_from_db()
    revision, audits = old.revision, AuditLog.objects.count()
    assert "0건의 성명·연락처를 삭제했습니다" in purge(day)
    old.refresh_from_db()
    assert old.revision == revision and AuditLog.objects.count() == audits
    assert old.transitions.filter(action="purge_contact").count() == 1


def test_the_periodic_background_job_deletes_the_contacts(rw: RequestWorld) -> None:
    from sangsaeng.requests.tasks import scan_request_reminders

    today = timezone.localdate()
    old = citizen_closed(rw, subject="둘레길 안내판 정비", closed_on=today - dt.timedelta(days=366))
    scan_request_reminders.enqueue()
    run_jobs()
    old.refresh_from_db()
    assert (old.requester_name, old.requester_contact) == ("", "")
