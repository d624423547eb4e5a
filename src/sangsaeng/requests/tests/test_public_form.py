"""시·도민 제안: open without an account, kept free of spam without any outside service (a hidden
field, a minimum time to fill the form, a limit per address); a proposal lands as 접수 for the
receiving government, and nobody else reads it."""

import datetime as dt
import threading
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from sangsaeng.requests import services
from sangsaeng.requests.forms import fill_token
from sangsaeng.requests.models import PartnerRequest, ProposalAttempt, ProposalSender, State
from sangsaeng.requests.tests.conftest import RequestWorld

pytestmark = pytest.mark.django_db


def proposal(rw: RequestWorld, **extra: str) -> dict[str, Any]:
    return {
        "receiving_org": rw.w.gyeongbuk.pk,
        "name": "김시민",
        "contact": "citizen@example.com",
        "subject": "도청 신도시 시내버스 증편",
        "body": "출퇴근 시간 배차 간격이 너무 깁니다.",
        "consent": "on",
        "website": "",
        "started": fill_token(timezone.now() - dt.timedelta(seconds=30)),
    } | extra


def test_a_citizen_proposal_lands_as_received_for_the_receiving_government(rw: RequestWorld) -> None:
    client = Client()
    assert client.get("/requests/propose/").status_code == 200
    response = client.post("/requests/propose/", proposal(rw))
    assert response.status_code == 302 and response["Location"] == "/requests/propose/done/"
    req = PartnerRequest.objects.get()
    assert (req.state, req.channel, req.requester_org, req.requester_name) == (
        State.RECEIVED,
        "citizen",
        None,
        "김시민",
    )
    assert req.transitions.get().actor is None
    # The receiving government reads it; the requesting side does not exist; others get 404.
    assert rw.client(rw.w.coordinator).get(f"/requests/{req.pk}/").status_code == 200
    assert rw.client(rw.w.other_officer).get(f"/requests/{req.pk}/").status_code == 200
    assert rw.client(rw.auditor).get(f"/requests/{req.pk}/").status_code == 200  # 경북's own auditor
    rw.auditor.organization = rw.w.jeonnam
    rw.auditor.save(update_fields=["organization"])
    for outsider in (rw.pohang_officer, rw.w.partner_viewer, rw.w.outsider, rw.auditor):
        assert rw.client(outsider).get(f"/requests/{req.pk}/").status_code == 404
    assert "도청 신도시" not in rw.client(rw.pohang_officer).get("/requests/").content.decode()


def test_the_honeypot_keeps_nothing_and_tells_the_bot_nothing(rw: RequestWorld) -> None:
    response = Client().post("/requests/propose/", proposal(rw, website="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/requests/propose/done/"
    assert not PartnerRequest.objects.exists()


def test_a_form_sent_too_fast_is_refused_and_keeps_its_input(rw: RequestWorld) -> None:
    response = Client().post("/requests/propose/", proposal(rw, started=fill_token()))
    assert response.status_code == 422
    body = response.content.decode()
    assert (
        "너무 빨리 보냈거나" in body and "출퇴근 시간 배차 간격이 너무 깁니다." in body and "김시민" in body
    )
    assert not PartnerRequest.objects.exists()


def test_a_forged_or_missing_start_time_is_refused(rw: RequestWorld) -> None:
    for started in ("", "12345", fill_token(timezone.now() - dt.timedelta(days=2))):
        response = Client().post("/requests/propose/", proposal(rw, started=started))
        assert response.status_code == 422
    assert not PartnerRequest.objects.exists()


def test_one_address_may_send_only_a_few_proposals_an_hour(rw: RequestWorld) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert client.post("/requests/propose/", proposal(rw)).status_code == 302
    response = client.post("/requests/propose/", proposal(rw, subject="네 번째 제안"))
    assert response.status_code == 429
    body = response.content.decode()
    assert "한 시간쯤 뒤에" in body and "네 번째 제안" in body
    assert PartnerRequest.objects.count() == 3
    # Another address is not held back.
    assert Client(REMOTE_ADDR="203.0.113.8").post("/requests/propose/", proposal(rw)).status_code == 302


def test_an_ipv6_client_is_limited_by_its_64_prefix(rw: RequestWorld) -> None:
    # Three addresses of one /64: a client that picks a new address for each proposal.
    for address in ("2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:abcd:ef01:2345:6789"):
        assert Client(REMOTE_ADDR=address).post("/requests/propose/", proposal(rw)).status_code == 302
    response = Client(REMOTE_ADDR="2001:db8:5:6:ffff::9").post("/requests/propose/", proposal(rw))
    assert response.status_code == 429 and "한 시간쯤 뒤에" in response.content.decode()
    assert PartnerRequest.objects.count() == 3
    # The next /64 is someone else; IPv4 addresses stay one each.
    assert Client(REMOTE_ADDR="2001:db8:5:7::1").post("/requests/propose/", proposal(rw)).status_code == 302
    assert Client(REMOTE_ADDR="203.0.113.9").post("/requests/propose/", proposal(rw)).status_code == 302
    assert PartnerRequest.objects.count() == 5


def test_the_limit_counts_in_the_last_hour_per_place() -> None:
    now = timezone.now()
    earlier = now - dt.timedelta(minutes=61)
    for _ in range(3):
        assert services.proposal_attempt(address="198.51.100.1", at=earlier)
    assert [services.proposal_attempt(address="198.51.100.1", at=now) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]
    assert services.proposal_attempt(address="198.51.100.2", at=now)
    # An IPv4 client reached over IPv6 (::ffff:a.b.c.d) is the same place as its IPv4 address.
    assert not services.proposal_attempt(address="::ffff:198.51.100.1", at=now)
    # A day on, the old attempts and places are gone (the tables keep no more than the limit needs).
    assert services.proposal_attempt(address="198.51.100.1", at=now + dt.timedelta(days=2))
    assert ProposalAttempt.objects.count() == 1 and ProposalSender.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_proposals_sent_at_the_same_moment_cannot_all_slip_under_the_limit() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writing transaction at a time (transaction_mode IMMEDIATE)")
    now = timezone.now()
    start = threading.Barrier(6)
    results: list[bool] = []

    def send() -> None:
        try:
            start.wait(timeout=10)
            results.append(services.proposal_attempt(address="2001:db8:9::1", at=now))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [False, False, False, True, True, True]


def test_missing_fields_are_explained_and_input_kept(rw: RequestWorld) -> None:
    response = Client().post("/requests/propose/", proposal(rw, consent="", body=""))
    assert response.status_code == 422
    body = response.content.decode()
    assert "도청 신도시 시내버스 증편" in body and "필수 항목입니다" in body


def test_the_coordinator_screens_a_proposal_out_with_a_reason(rw: RequestWorld) -> None:
    Client().post("/requests/propose/", proposal(rw))
    req = PartnerRequest.objects.get()
    client = rw.client(rw.w.coordinator)
    response = client.post(
        f"/requests/{req.pk}/move/", {"to": "closed", "note": "", "revision": req.revision}
    )
    assert response.status_code == 422 and "사유를 적으세요" in response.content.decode()
    response = client.post(
        f"/requests/{req.pk}/move/",
        {"to": "closed", "note": "시 소관 사항으로 이송", "revision": req.revision},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.state == State.CLOSED
