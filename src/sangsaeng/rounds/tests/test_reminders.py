"""Reminders go out once per event, by e-mail and in the app, however often the jobs run."""

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sangsaeng.conftest import run_jobs
from sangsaeng.notices.models import Notice
from sangsaeng.rounds import services
from sangsaeng.rounds.models import ReminderSent
from sangsaeng.rounds.tests.conftest import RoundWorld, form_data

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        event: ReminderSent.objects.filter(event=event).count() for event, _ in ReminderSent.Event.choices
    }


def test_opening_a_round_tells_each_responsible_officer_once(rw: RoundWorld, mailoutbox: Any) -> None:
    rnd = rw.open_round()
    assert not mailoutbox  # nothing is sent in the request; the worker does it
    run_jobs()
    run_jobs()  # a second run, or a retried job, sends nothing more
    from sangsaeng.rounds.tasks import send_round_opened

    send_round_opened.call(rnd.pk)  # even the job itself, run again by hand
    recipients = sorted(m.to[0] for m in mailoutbox)
    # 10-4 is led by 경북 정책기획관 (its officer and the coordinator work there); 3-5 by 대구 관광과.
    assert recipients == ["coordinator@example.go.kr", "daegu_officer@example.go.kr", "officer@example.go.kr"]
    assert counts()["opened"] == 3
    assert Notice.objects.filter(kind="round_opened").count() == 3
    notice = Notice.objects.get(user=rw.daegu_officer)
    assert notice.title == "2019년 2분기 실적 보고를 요청합니다 (기한 2019. 7. 10.)"
    assert notice.url == f"/rounds/{rnd.pk}/"
    assert "3-5 과제 3-5" in notice.body
    assert "http://" in mailoutbox[0].body and f"/rounds/{rnd.pk}/" in mailoutbox[0].body
    # Another department of the same government is not asked.
    assert not Notice.objects.filter(user=rw.w.other_officer).exists()


def test_due_soon_and_overdue_reminders_are_sent_once_each(rw: RoundWorld, mailoutbox: Any) -> None:
    rw.open_round(**{f"deadline_{rw.daegu_dept.pk}": "2019-07-05"})
    run_jobs()
    mailoutbox.clear()
    out = StringIO()
    # 7. 7.: 대구's deadline (7. 5.) has passed; 경북's (7. 10.) is 3 days away.
    for _ in range(2):
        call_command("reminders", "--today", "2019-07-07", stdout=out)
    assert "기한 임박 알림 2건, 기한 경과 알림 1건을 보냈습니다" in out.getvalue()
    assert "기한 임박 알림 0건, 기한 경과 알림 0건을 보냈습니다" in out.getvalue()
    assert counts() | {"opened": 0, "returned": 0} == {
        "opened": 0,
        "due_soon": 2,
        "overdue": 1,
        "returned": 0,
    }
    assert len(mailoutbox) == 3
    overdue = Notice.objects.get(kind="round_overdue")
    assert overdue.user == rw.daegu_officer
    assert overdue.title == "2019년 2분기 실적 보고 기한(2019. 7. 5.)이 지났습니다"
    soon = Notice.objects.get(kind="round_due_soon", user=rw.w.officer)
    assert soon.title == "2019년 2분기 실적 보고: 기한까지 3일 남았습니다 (2019. 7. 10.)"
    # Later days bring nothing new until the next threshold: 경북 overdue on 7. 11.
    call_command("reminders", "--today", "2019-07-08", stdout=out)
    call_command("reminders", "--today", "2019-07-11", stdout=out)
    call_command("reminders", "--today", "2019-07-11", stdout=out)
    assert counts()["overdue"] == 3  # + 경북's officer and coordinator
    assert len(mailoutbox) == 5


def test_submitted_updates_are_not_reminded(rw: RoundWorld) -> None:
    rnd = rw.open_round()
    client = rw.client(rw.w.coordinator)  # a coordinator may fill any update
    for update in rnd.updates.all():
        data = form_data(client, update) | {"next_steps": "○ 계속", "action": "submit"}
        data[f"ind_{rw.daegu_indicator.pk}_actual"] = "1"
        assert client.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    call_command("reminders", "--today", "2019-07-20", stdout=StringIO())
    assert counts()["overdue"] == 0 and counts()["due_soon"] == 0


def test_a_returned_update_is_announced_once_per_return(rw: RoundWorld, mailoutbox: Any) -> None:
    rnd = rw.open_round()
    update = rw.update_for(rnd, rw.daegu_task)
    client = rw.client(rw.daegu_officer)
    data = form_data(client, update) | {
        f"ind_{rw.daegu_indicator.pk}_actual": "1",
        "next_steps": "○ 계속",
        "action": "submit",
    }
    assert client.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    run_jobs()
    mailoutbox.clear()
    services.update_return(actor=rw.w.coordinator, update=update, comment="증빙을 붙여 주세요.")
    run_jobs()
    run_jobs()
    assert counts()["returned"] == 1
    assert [m.to for m in mailoutbox] == [["daegu_officer@example.go.kr"]]
    assert "증빙을 붙여 주세요." in mailoutbox[0].body
    notice = Notice.objects.get(kind="round_returned")
    assert notice.url == f"/rounds/updates/{update.pk}/"
    # Resubmitted and returned again: a new event, one more reminder.
    update.refresh_from_db()
    data = form_data(client, update) | {"action": "submit"}
    assert client.post(f"/rounds/updates/{update.pk}/", data).status_code == 302
    services.update_return(actor=rw.w.coordinator, update=update, comment="한 번 더")
    run_jobs()
    assert counts()["returned"] == 2 and len(mailoutbox) == 2


def test_a_failing_mail_leaves_no_claim_so_the_next_run_retries(rw: RoundWorld, monkeypatch: Any) -> None:
    rnd = rw.open_round()

    def broken(self: Any, *args: Any, **kwargs: Any) -> int:
        raise OSError("SMTP down")

    monkeypatch.setattr(mail.EmailMessage, "send", broken)
    from sangsaeng.rounds.reminders import deliver_round_opened

    with pytest.raises(OSError):
        deliver_round_opened(rnd.pk)
    assert counts()["opened"] == 0 and not Notice.objects.exists()
    monkeypatch.undo()
    assert deliver_round_opened(rnd.pk) == 3
    assert deliver_round_opened(rnd.pk) == 0


def test_the_bell_counts_unread_notices_and_opening_one_marks_it_read(rw: RoundWorld) -> None:
    rnd = rw.open_round()
    run_jobs()
    client = rw.client(rw.daegu_officer)
    page = client.get("/plans/").content.decode()
    assert 'id="unread-count">1<' in page
    notice = Notice.objects.get(user=rw.daegu_officer)
    response = client.get(f"/notices/{notice.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/rounds/{rnd.pk}/"
    assert 'id="unread-count"' not in client.get("/plans/").content.decode()
    # Someone else's notice does not exist for you.
    other = Notice.objects.exclude(user=rw.daegu_officer).first()
    assert other is not None and client.get(f"/notices/{other.pk}/").status_code == 404


def test_reminders_stop_when_the_round_closes(rw: RoundWorld) -> None:
    rnd = rw.open_round()
    services.round_close(actor=rw.w.coordinator, round=rnd)
    run_jobs()
    call_command("reminders", "--today", "2019-07-20", stdout=StringIO())
    assert sum(counts().values()) == 0


def test_the_periodic_scan_is_a_task_the_worker_runs(rw: RoundWorld) -> None:
    from sangsaeng.rounds.tasks import scan_reminders

    rw.open_round(due=timezone.localdate() + dt.timedelta(days=1))
    run_jobs()
    scan_reminders.enqueue()
    scan_reminders.enqueue()
    run_jobs()
    assert counts()["due_soon"] == 3
