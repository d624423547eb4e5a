"""The iCalendar text is valid RFC 5545: read back here by a strict reader of the RFC's rules."""

import datetime as dt
import re

import pytest

from sangsaeng.committees import ics
from sangsaeng.committees.models import Meeting
from sangsaeng.committees.tests.factory import make_committee, make_meeting
from sangsaeng.conftest import World


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar stream, checking the physical-line rules on the way."""
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical), "a line is longer than 75 octets"
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(text: str) -> list[dict[str, tuple[dict[str, str], str]]]:
    """Components by BEGIN/END (balanced), each a dict of property → (parameters, value)."""
    stack: list[str] = []
    events: list[dict[str, tuple[dict[str, str], str]]] = []
    current: dict[str, tuple[dict[str, str], str]] | None = None
    for line in unfold(text):
        name_params, _, value = line.partition(":")
        name, *params = name_params.split(";")
        assert re.fullmatch(r"[A-Z][A-Z0-9-]*", name), line
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
            continue
        if name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                assert current is not None
                events.append(current)
                current = None
            continue
        if current is not None:
            current[name] = (dict(p.split("=", 1) for p in params), value)
    assert stack == []
    return events


def test_escape_and_fold_follow_the_rfc() -> None:
    assert ics.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "DESCRIPTION:" + "가" * 60
    folded = ics.fold(long)
    assert all(len(p.encode()) <= 75 for p in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long  # never splits inside a character


@pytest.mark.django_db
def test_a_meeting_reads_back_with_its_time_place_and_agenda(world: World) -> None:
    committee = make_committee(world, "한뿌리상생위원회; 대구, 경북")
    meeting = make_meeting(world, committee, dt.date(2019, 3, 28))
    Meeting.objects.filter(pk=meeting.pk).update(place="경북도청 화백당, 2층")
    meeting.refresh_from_db()
    agenda = [
        "신규 과제 채택(안): 낙동강 수계 수질 공동 관리, 그리고 아주 긴 제목이 75바이트를 넘어가도록 길게"
    ]
    text = ics.calendar([meeting], name=committee.name, agendas={meeting.pk: agenda})
    lines = unfold(text)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    assert any(line.startswith("PRODID:") for line in lines)
    [event] = parse(text)
    assert event["UID"][1] == f"committee-meeting-{meeting.pk}@127.0.0.1"
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
    assert event["DTSTART"] == ({"TZID": "Asia/Seoul"}, "20190328T140000")
    assert event["DTEND"] == ({"TZID": "Asia/Seoul"}, "20190328T160000")
    assert unescape(event["SUMMARY"][1]) == f"[{committee.name}] {meeting.title}"
    assert unescape(event["LOCATION"][1]) == "경북도청 화백당, 2층 (경상북도)"
    assert agenda[0] in unescape(event["DESCRIPTION"][1])
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Asia/Seoul" in lines


@pytest.mark.django_db
def test_a_changed_meeting_keeps_its_uid_and_raises_its_sequence(world: World) -> None:
    from sangsaeng.committees import services

    meeting = make_meeting(world, make_committee(world))
    before = parse(ics.calendar([meeting], name="x"))[0]
    data = services.MeetingInput(
        title=meeting.title, starts_at=meeting.starts_at, ends_at=meeting.ends_at, status="cancelled"
    )
    meeting = services.meeting_update(actor=world.coordinator, meeting=meeting, data=data, base_revision=0)
    after = parse(ics.calendar([meeting], name="x"))[0]
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"][1]) > int(before["SEQUENCE"][1])
    assert after["STATUS"][1] == "CANCELLED"
