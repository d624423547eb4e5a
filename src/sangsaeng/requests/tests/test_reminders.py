"""Overdue requests are reminded once per overdue episode, and the requester gets a progress notice
when a request stays open 30 days; running the job twice sends nothing more."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from sangsaeng.conftest import run_jobs
from sangsaeng.notices.models import Notice
from sangsaeng.requests import services
from sangsaeng.requests.models import ReminderSent
from sangsaeng.requests.reminders import deliver_request_reminders
from sangsaeng.requests.tests.conftest import DAY, RequestWorld

pytestmark = pytest.mark.django_db


def test_an_overdue_request_is_reminded_exactly_once(
    rw: RequestWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    rw.w.officer.email = "officer@example.go.kr"
    rw.w.officer.save(update_fields=["email"])
    req = rw.assigned(rw.submit())  # due 11. 16.
    late = DAY + dt.timedelta(days=16)
    out = StringIO()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("request_reminders", "--today", late.isoformat(), stdout=out)
    assert "기한 경과 알림 1건" in out.getvalue() and "기한 경과 알림 0건" in out.getvalue()
    assert ReminderSent.objects.filter(request=req, event="overdue").count() == 1
    notices = Notice.objects.filter(kind="request_overdue")
    # The assigned department's officer and the receiving government's coordinator, once each.
    assert sorted(n.user.username for n in notices) == ["coordinator", "officer"]
    assert (
        notices[0].title
        == "건의사항 처리기한(2026. 11. 16.)이 2일 지났습니다: 영일만 횡단고속도로 조기 착공 건의"
    )
    assert [m.to for m in mailoutbox] == [["officer@example.go.kr"]]
    # The page flags it.
    page = rw.client(rw.w.officer).get("/requests/queue/").content.decode()
    late_now = (timezone.localdate() - req.due_on).days
    assert f"D+{late_now}" in page and "기한 경과" in page


def test_the_background_job_run_twice_sends_once(rw: RequestWorld, settings: Any) -> None:
    from sangsaeng.requests.tasks import scan_request_reminders

    req = rw.assigned(rw.submit(received_on=timezone.localdate() - dt.timedelta(days=20)))
    scan_request_reminders.enqueue()
    scan_request_reminders.enqueue()
    run_jobs()
    run_jobs()
    assert ReminderSent.objects.filter(request=req, event="overdue").count() == 1
    assert Notice.objects.filter(kind="request_overdue", user=rw.w.officer).count() == 1


def test_an_extension_starts_a_new_overdue_episode(rw: RequestWorld) -> None:
    req = rw.assigned(rw.submit())
    deliver_request_reminders(DAY + dt.timedelta(days=15))
    req.refresh_from_db()
    req = services.request_extend(
        actor=rw.w.officer, req=req, new_due=DAY + dt.timedelta(days=21), reason="협의", revision=req.revision
    )
    assert deliver_request_reminders(DAY + dt.timedelta(days=18))["overdue"] == 0  # within the new deadline
    assert deliver_request_reminders(DAY + dt.timedelta(days=22))["overdue"] == 1
    assert deliver_request_reminders(DAY + dt.timedelta(days=23))["overdue"] == 0
    episodes = ReminderSent.objects.filter(request=req, event="overdue").values_list("episode", flat=True)
    assert sorted(episodes) == ["2026-11-16", "2026-11-23"]


def test_an_answered_request_is_not_reminded(rw: RequestWorld) -> None:
    rw.answered(rw.submit(), on=DAY + dt.timedelta(days=20))
    assert deliver_request_reminders(DAY + dt.timedelta(days=40)) == {"overdue": 0, "progress": 0}


def test_the_requester_gets_a_progress_notice_after_30_open_days(rw: RequestWorld) -> None:
    req = rw.assigned(rw.submit(kind="사전타당성 검토", total_cost=30_000_000, provincial_share=3_000_000))
    assert deliver_request_reminders(DAY + dt.timedelta(days=29))["progress"] == 0
    assert deliver_request_reminders(DAY + dt.timedelta(days=30))["progress"] == 1
    assert deliver_request_reminders(DAY + dt.timedelta(days=45))["progress"] == 0
    notice = Notice.objects.get(kind="request_progress")
    assert notice.user == rw.pohang_officer
    assert notice.title == "건의사항 진행 상황 안내 (접수 후 30일): 영일만 횡단고속도로 조기 착공 건의"
    assert "처리 부서: 정책기획관" in notice.body
    assert deliver_request_reminders(DAY + dt.timedelta(days=60))["progress"] == 1
    assert ReminderSent.objects.filter(request=req, event="progress").count() == 2


def test_a_citizen_gets_the_progress_notice_by_mail(
    rw: RequestWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    services.request_submit(
        actor=None,
        request_type=rw.kind("건의"),
        subject="경북 둘레길 안내판 정비",
        body="안내판이 낡았습니다.",
        receiving_org=rw.w.gyeongbuk,
        channel="citizen",
        requester_name="김시민",
        requester_contact="citizen@example.com",
        received_on=DAY,
    )
    with django_capture_on_commit_callbacks(execute=True):
        deliver_request_reminders(DAY + dt.timedelta(days=31))
    assert [m.to for m in mailoutbox] == [["citizen@example.com"]]
    assert "/requests/" not in mailoutbox[0].body  # no internal link for someone without an account


def test_a_reminder_rolled_back_sends_no_mail_and_the_next_scan_sends_it_once(
    rw: RequestWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    rw.w.officer.email = "officer@example.go.kr"
    rw.w.officer.save(update_fields=["email"])
    req = rw.assigned(rw.submit())  # due 11. 16.
    late = DAY + dt.timedelta(days=16)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert deliver_request_reminders(late)["overdue"] == 1
        raise RuntimeError("the worker's transaction fails after the scan")
    assert mailoutbox == [] and not ReminderSent.objects.filter(request=req).exists()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            deliver_request_reminders(late)
    assert [m.to for m in mailoutbox] == [["officer@example.go.kr"]]
    assert ReminderSent.objects.filter(request=req, event="overdue").count() == 1


def test_a_mail_that_fails_keeps_the_claim_and_the_other_mails(
    rw: RequestWorld, mailoutbox: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from django.core.mail.backends.locmem import EmailBackend

    sent = EmailBackend.send_messages

    def refuse_one(self: EmailBackend, messages: Any) -> int:
        if any("broken@example.go.kr" in m.to for m in messages):
            raise OSError("mail server refused")
        return sent(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_one)
    rw.w.officer.email = "officer@example.go.kr"
    rw.w.officer.save(update_fields=["email"])
    rw.w.coordinator.email = "broken@example.go.kr"
    rw.w.coordinator.save(update_fields=["email"])
    req = rw.assigned(rw.submit())
    late = DAY + dt.timedelta(days=16)
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_request_reminders(late)["overdue"] == 1
    assert [m.to for m in mailoutbox] == [["officer@example.go.kr"]]
    assert ReminderSent.objects.filter(request=req, event="overdue").count() == 1
    # The claim stands: the next scan sends nothing again (the in-app notices were delivered).
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_request_reminders(late)["overdue"] == 0
    assert len(mailoutbox) == 1
    assert Notice.objects.filter(kind="request_overdue").count() == 2
