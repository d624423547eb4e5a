"""Each user chooses whether notices also come by e-mail; the in-app notice always arrives."""

from typing import Any

import pytest

from sangsaeng.audit.models import AuditLog
from sangsaeng.conftest import run_jobs
from sangsaeng.notices.models import Notice
from sangsaeng.rounds.tests.conftest import RoundWorld

pytestmark = pytest.mark.django_db


def test_an_officer_who_turns_mail_off_gets_the_notice_but_no_mail(rw: RoundWorld, mailoutbox: Any) -> None:
    client = rw.w.client_for(rw.daegu_officer)
    page = client.get("/notices/").content.decode()
    assert 'id="email-notices" name="email_notices" checked' in page
    response = client.post("/notices/settings/", {}, follow=True)
    assert "알림 메일 설정을 저장했습니다." in response.content.decode()
    rw.daegu_officer.refresh_from_db()
    assert rw.daegu_officer.email_notices is False
    assert AuditLog.objects.filter(actor=rw.daegu_officer, action="user.notice_settings").count() == 1

    rw.open_round()
    run_jobs()
    assert "daegu_officer@example.go.kr" not in [m.to[0] for m in mailoutbox]
    assert "officer@example.go.kr" in [m.to[0] for m in mailoutbox]
    assert Notice.objects.filter(user=rw.daegu_officer, kind="round_opened").count() == 1

    client.post("/notices/settings/", {"email_notices": "on"})
    rw.daegu_officer.refresh_from_db()
    assert rw.daegu_officer.email_notices is True


def test_asking_for_mail_without_an_address_says_none_will_go(rw: RoundWorld) -> None:
    user = rw.w.outsider
    user.email = ""
    user.save(update_fields=["email"])
    response = rw.w.client_for(user).post("/notices/settings/", {"email_notices": "on"}, follow=True)
    assert "메일 주소가 없어 메일은 가지 않습니다." in response.content.decode()


def test_the_setting_is_not_changed_by_a_get_or_by_an_anonymous_post(rw: RoundWorld, client: Any) -> None:
    assert rw.w.client_for(rw.daegu_officer).get("/notices/settings/").status_code == 405
    assert client.post("/notices/settings/", {}).status_code == 302
    rw.daegu_officer.refresh_from_db()
    assert rw.daegu_officer.email_notices is True
