"""Who sees and does what: the requesting government sees its requests, the receiving government those
addressed to it, auditors everything; outsiders get 404 and empty lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sangsaeng.requests.models import PartnerRequest, RequestAttachment
from sangsaeng.requests.tests.conftest import PDF, RequestWorld

pytestmark = pytest.mark.django_db


def test_outsiders_cannot_read_another_governments_requests(rw: RequestWorld) -> None:
    req = rw.submit()
    url = f"/requests/{req.pk}/"
    for user in (rw.w.outsider, rw.w.partner_viewer):  # 전남, and 대구 which is neither side
        client = rw.client(user)
        assert client.get(url).status_code == 404
        for action in (
            "assign",
            "move",
            "answer",
            "extend",
            "rate",
            "agenda",
            "task",
            "review",
            "attachments",
        ):
            assert client.post(f"{url}{action}/", {"revision": req.revision}).status_code == 404, action
        for page in ("/requests/", "/requests/queue/", "/requests/report/"):
            assert req.subject not in client.get(page).content.decode(), page


def test_both_governments_and_the_auditor_read_it(rw: RequestWorld) -> None:
    req = rw.submit()
    for user in (rw.pohang_officer, rw.w.coordinator, rw.w.other_officer, rw.auditor):
        page = rw.client(user).get(f"/requests/{req.pk}/").content.decode()
        assert req.subject in page, user


def test_the_auditor_reads_but_does_nothing(rw: RequestWorld) -> None:
    req = rw.submit()
    client = rw.client(rw.auditor)
    assert client.post(f"/requests/{req.pk}/assign/", {"department": rw.w.policy.pk}).status_code == 403
    assert client.get("/requests/new/").status_code == 403


def test_the_lists_show_sent_and_received(rw: RequestWorld) -> None:
    sent = rw.submit(subject="포항이 보낸 건의")
    received = rw.submit(
        by=rw.w.officer, subject="경북이 포항에 보낸 질의", receiving_org=rw.pohang, kind="질의"
    )
    pohang = rw.client(rw.pohang_officer)
    assert "포항이 보낸 건의" in pohang.get("/requests/?box=sent").content.decode()
    assert "경북이 포항에 보낸 질의" not in pohang.get("/requests/?box=sent").content.decode()
    assert "경북이 포항에 보낸 질의" in pohang.get("/requests/?box=received").content.decode()
    assert sent.pk != received.pk


def test_the_queue_is_sorted_by_deadline_with_d_day(rw: RequestWorld) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    later = rw.assigned(rw.submit(subject="나중 기한", received_on=today))  # D-14
    sooner = rw.assigned(rw.submit(subject="먼저 기한", kind="질의", received_on=today))  # D-7
    other = rw.assigned(rw.submit(subject="관광 건"), rw.w.tourism)
    page = rw.client(rw.w.officer).get("/requests/queue/").content.decode()
    assert page.index("먼저 기한") < page.index("나중 기한")
    assert "D-7" in page and "D-14" in page
    assert "관광 건" not in page  # another department's
    assert later.pk and sooner.pk and other.pk
    # The coordinator's desk sees every open request addressed to the government.
    assert "관광 건" in rw.client(rw.w.coordinator).get("/requests/queue/").content.decode()


def test_only_the_requesting_government_rates_and_only_once(rw: RequestWorld) -> None:
    req = rw.answered(rw.submit())
    url = f"/requests/{req.pk}/rate/"
    assert rw.client(rw.w.coordinator).post(url, {"rating": "5"}).status_code == 403
    client = rw.client(rw.pohang_officer)
    assert client.post(url, {"rating": "4", "comment": "신속한 회신 감사합니다"}).status_code == 302
    response = client.post(url, {"rating": "1"})
    assert response.status_code == 422 and "한 번만 평가할 수 있습니다" in response.content.decode()
    req.refresh_from_db()
    assert (req.rating, req.rating_comment) == (4, "신속한 회신 감사합니다")


def test_rating_waits_for_the_answer(rw: RequestWorld) -> None:
    req = rw.reviewing(rw.submit())
    response = rw.client(rw.pohang_officer).post(f"/requests/{req.pk}/rate/", {"rating": "5"})
    assert response.status_code == 422 and "회신을 받은 뒤에" in response.content.decode()


def test_the_intake_form_keeps_input_and_refuses_a_disguised_file(rw: RequestWorld) -> None:
    client = rw.client(rw.pohang_officer)
    data = {
        "request_type": rw.kind("건의").pk,
        "receiving_org": rw.w.gyeongbuk.pk,
        "subject": "해오름동맹 관광 연계",
        "body": "울산·경주·포항 관광 연계 상품 개발",
        "uploads": SimpleUploadedFile("계획.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
    }
    response = client.post("/requests/new/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "실제 내용은 실행 파일(EXE)입니다" in body and "해오름동맹 관광 연계" in body
    assert not PartnerRequest.objects.exists()
    data["uploads"] = SimpleUploadedFile("계획.pdf", PDF, content_type="application/pdf")
    response = client.post("/requests/new/", data)
    assert response.status_code == 302
    attachment = RequestAttachment.objects.get()
    assert attachment.original_name == "계획.pdf"
    download = rw.client(rw.w.coordinator).get(f"/requests/attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert rw.client(rw.w.outsider).get(f"/requests/attachments/{attachment.pk}/").status_code == 404


def test_a_request_may_not_go_to_ones_own_government_nor_to_a_foreign_department(rw: RequestWorld) -> None:
    client = rw.client(rw.pohang_officer)
    response = client.post(
        "/requests/new/",
        {
            "request_type": rw.kind("건의").pk,
            "receiving_org": rw.w.gyeongbuk.pk,
            "concerned_department": rw.pohang_dept.pk,
            "subject": "제목",
            "body": "내용",
        },
    )
    assert response.status_code == 422
    # 포항's own department is not among 경북's: the choice is refused.
    assert (
        "올바르게 선택해 주세요" in response.content.decode()
        or "받는 기관의 부서" in response.content.decode()
    )


def test_the_outsiders_intake_form_offers_no_tasks(rw: RequestWorld) -> None:
    page = rw.client(rw.w.outsider).get("/requests/new/").content.decode()
    assert rw.w.task.title not in page and rw.w.plan.title not in page


def test_a_coordinator_enters_a_request_on_behalf_of_a_partner(rw: RequestWorld) -> None:
    client = rw.client(rw.w.coordinator)
    response = client.post(
        "/requests/new/on-behalf/",
        {
            "requester_org": rw.pohang.pk,
            "requester_name": "포항시 기획예산과 김주무관",
            "requester_contact": "054-270-0000",
            "request_type": rw.kind("질의").pk,
            "receiving_org": rw.w.gyeongbuk.pk,
            "subject": "지방재정 투자심사 절차 질의",
            "body": "전화 질의",
        },
    )
    assert response.status_code == 302, response.content.decode()
    req = PartnerRequest.objects.get()
    assert (req.channel, req.requester_org, req.requester_user) == ("on_behalf", rw.pohang, None)
    # 포항 sees it as its own request.
    assert req.subject in rw.client(rw.pohang_officer).get("/requests/?box=sent").content.decode()
    assert rw.client(rw.w.officer).get("/requests/new/on-behalf/").status_code == 403
