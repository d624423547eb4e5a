"""Printed committee papers: the agenda, the minutes and the member roster, as PDF and HWPX.

Both formats print the same data (the *_doc functions). The PDF is typeset by Typst through
documents.pdf.compile_source with this app's template (templates/committees/papers.typ): user text
only enters it as escaped string literals. The HWPX is written with python-hwpx through the documents
app's writer.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.utils import timezone

from sangsaeng.committees import selectors
from sangsaeng.committees.cadence import rule_label
from sangsaeng.committees.models import Attendance, Committee, Meeting, Membership
from sangsaeng.documents.hwpx_doc import HwpxWriter
from sangsaeng.documents.pdf import compile_source
from sangsaeng.documents.typ import typst_value
from sangsaeng.lib import kdate

# Under templates/ so the package ships it with the other app templates (pyproject package-data).
TEMPLATE = Path(__file__).resolve().parent / "templates" / "committees" / "papers.typ"


@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


@dataclass
class Paper:
    """One printed paper: what it is (kind), its header line and the data its template function takes."""

    function: str  # agenda | minutes | roster
    kind: str
    title: str
    header: str
    data: dict[str, Any] = field(default_factory=dict)


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return f"{kdate.official(start.date())} {start:%H:%M}~{end:%H:%M}"


def _where(meeting: Meeting) -> str:
    if meeting.host is None:
        return meeting.place or "-"
    return f"{meeting.place} ({meeting.host.name})".strip() if meeting.place else meeting.host.name


def _facts(meeting: Meeting) -> list[list[str]]:
    return [["일시", _when(meeting)], ["장소", _where(meeting)], ["위원회", meeting.committee.name]]


def _header(committee: Committee) -> str:
    return committee.plan.title if committee.plan else committee.name


def agenda_doc(meeting: Meeting) -> Paper:
    page = selectors.meeting_page(meeting)
    items = [
        {
            "number": str(n),
            "kind": item.get_kind_display(),
            "title": item.title,
            "task": f"{item.task.code} {item.task.title}" if item.task else "",
            "presenter": item.presenter,
            "description": item.description,
            "papers": [p.original_name for p in item.papers.all()],
        }
        for n, item in enumerate(page.agenda, 1)
    ]
    return Paper(
        "agenda",
        "회의 안건",
        meeting.title,
        _header(meeting.committee),
        {
            "title": meeting.title,
            "committee": meeting.committee.name,
            "facts": _facts(meeting),
            "items": items,
        },
    )


def _member_line(m: Membership) -> str:
    return " ".join(x for x in (m.affiliation, m.position) if x) or "-"


def minutes_doc(meeting: Meeting) -> Paper:
    page = selectors.meeting_page(meeting)
    recorded = [r for r in page.attendance if r.attendance]
    attendance = [
        [
            r.member.name,
            _member_line(r.member),
            r.member.get_role_display(),
            (
                f"{r.attendance.get_status_display()} ({r.attendance.proxy_name})"
                if r.attendance.status == Attendance.Status.PROXY
                else r.attendance.get_status_display()
            ),
        ]
        for r in recorded
        if r.attendance
    ]
    rows = []
    for n, d in enumerate(page.decisions, 1):
        target = d.task or d.parent_task
        what = " ".join(
            x
            for x in (
                f"{d.code} {d.title}".strip()
                if d.kind == "adopt_task"
                else (f"{target.code} {target.title}" if target else ""),
                d.text,
                f"(사유: {d.reason})" if d.reason else "",
            )
            if x
        )
        rows.append(
            [
                str(n),
                d.get_kind_display(),
                what or "-",
                kdate.official(timezone.localtime(d.applied_at).date()) if d.applied_at else "미반영",
            ]
        )
    if meeting.minutes_finalized_at:
        by = meeting.minutes_finalized_by.display_name if meeting.minutes_finalized_by else ""
        state = f"{kdate.official(timezone.localtime(meeting.minutes_finalized_at).date())} 확정 {by}".strip()
    else:
        state = "초안 (확정 전)"
    return Paper(
        "minutes",
        "회의록",
        f"{meeting.title} 회의록",
        _header(meeting.committee),
        {
            "title": f"{meeting.title} 회의록",
            "committee": meeting.committee.name,
            "facts": _facts(meeting),
            "attendance_summary": f"재적 {len(page.attendance)}명, 출석 {page.present}명 (대리출석 포함)",
            "attendance": attendance,
            "minutes": meeting.minutes,
            "decision_summary": page.summary,
            "decisions": rows,
            "state": state,
        },
    )


def roster_doc(committee: Committee) -> Paper:
    members = selectors.roster(committee)

    def term(m: Membership) -> str:
        if not (m.term_start or m.term_end):
            return "-"
        return f"{kdate.official(m.term_start)} ~ {kdate.official(m.term_end)}".strip()

    rows = [
        [str(n), m.name, m.get_role_display(), m.get_side_display(), _member_line(m), term(m)]
        for n, m in enumerate(members, 1)
    ]
    today = kdate.official(timezone.localdate())
    cadence = rule_label(committee.cadence_count, committee.cadence_period)
    return Paper(
        "roster",
        "위원 명단",
        f"{committee.name} 위원 명단",
        _header(committee),
        {
            "title": f"{committee.name} 위원 명단",
            "sub": f"{committee.get_kind_display()} · 개최 주기 {cadence}",
            "rows": rows,
            "note": f"{today} 현재 · 위원 {len(members)}명",
        },
    )


# ---------------------------------------------------------------- PDF


def paper_source(paper: Paper) -> str:
    meta = typst_value({"title": paper.title, "author": "상생", "header": paper.header, "kind": paper.kind})
    return f"{_template()}\n#show: setup.with({meta})\n#{paper.function}({typst_value(paper.data)})\n"


def paper_pdf(paper: Paper) -> bytes:
    return compile_source(paper_source(paper))


# ---------------------------------------------------------------- HWPX


def paper_hwpx(paper: Paper) -> bytes:
    w = HwpxWriter()
    d = paper.data
    w.para(paper.kind, w.s.muted)
    w.para(d["title"], w.s.title, w.s.center)
    if paper.function == "roster":
        w.para(d["sub"], w.s.muted, w.s.center)
        w.para("")
        w.table(
            [["번호", "성명", "직책", "구분", "소속·직위", "임기"], *d["rows"]], [0.5, 1, 0.8, 0.7, 1.8, 1.6]
        )
        w.para(d["note"], w.s.muted)
        return w.to_bytes()
    w.para(d["committee"], w.s.muted, w.s.center)
    w.para("")
    w.table(d["facts"], [1, 4], head_rows=0, heads=[(r, 0) for r in range(len(d["facts"]))])
    if paper.function == "agenda":
        w.section("안건")
        if not d["items"]:
            w.para("상정된 안건이 없습니다.", w.s.muted)
        for it in d["items"]:
            w.para(f"{it['number']}. [{it['kind']}] {it['title']}", w.s.bold)
            if it["task"]:
                w.para(f"관련 과제: {it['task']}", w.s.small)
            if it["presenter"]:
                w.para(f"제안·보고: {it['presenter']}", w.s.small)
            for line in it["description"].splitlines():
                w.para(f"  {line}")
            if it["papers"]:
                w.para("회의자료: " + ", ".join(it["papers"]), w.s.small)
        return w.to_bytes()
    w.section("출석 현황")
    w.para(d["attendance_summary"])
    if d["attendance"]:
        w.table([["성명", "소속·직위", "직책", "출석"], *d["attendance"]], [1, 1.4, 1, 1])
    w.section("회의 내용")
    for line in (d["minutes"] or "작성된 회의록이 없습니다.").splitlines():
        w.para(line)
    w.section("의결 사항")
    w.para(d["decision_summary"])
    if d["decisions"]:
        w.table([["번호", "구분", "내용", "반영"], *d["decisions"]], [0.6, 1, 3, 1])
    w.para("")
    w.para(d["state"], w.s.muted)
    return w.to_bytes()
