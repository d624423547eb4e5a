"""HWPX (Hancom Office) of a card and of a booklet, so officials can finish the document in 한글.

Written with python-hwpx from the same `CardDoc` the PDF prints; the tables keep the paper card's
merged header cells. Hancom lays the pages out itself, so the booklet's list of tasks carries no
page numbers (the PDF's does).
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from hwpx import HwpxDocument

from sangsaeng.documents.card_doc import CardDoc
from sangsaeng.documents.pdf import BookletInfo
from sangsaeng.lib import kdate

FONT = "Pretendard GOV"
# Hancom Office always ships 함초롬돋움: where Pretendard GOV is not installed, 한글 shows that.
SUBSTITUTE_FONT = "함초롬돋움"
# HWPUNIT: 1/7200 inch. A4 is 210 mm wide; 20 mm margins leave 170 mm of text.
HWPUNIT_PER_MM = 7200 / 25.4
TEXT_WIDTH = int(170 * HWPUNIT_PER_MM)
# Characters XML 1.0 cannot carry at all; dropped rather than failing the whole document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


@dataclass(frozen=True)
class Styles:
    body: str
    small: str
    bold: str
    small_bold: str
    title: str
    section: str
    muted: str
    left: str
    center: str
    right: str
    page_break: str
    head_fill: str
    total_fill: str
    plain: str
    band: str
    band_text: str


def _styles(doc: HwpxDocument) -> Styles:
    doc.styles.ensure_font(FONT, subst_face=SUBSTITUTE_FONT, subst_type="TTF")
    header = doc.oxml.headers[0]

    def run(**kw: Any) -> str:
        return str(doc.styles.ensure_run(font=FONT, **kw))

    left = str(header.ensure_paragraph_alignment("LEFT"))
    return Styles(
        body=run(size=10),
        small=run(size=8.5),
        bold=run(size=10, bold=True),
        small_bold=run(size=8.5, bold=True),
        title=run(size=15, bold=True),
        section=run(size=11.5, bold=True),
        muted=run(size=8, color="#555555"),
        left=left,
        center=str(header.ensure_paragraph_alignment("CENTER")),
        right=str(header.ensure_paragraph_alignment("RIGHT")),
        page_break=str(
            header.ensure_paragraph_format(base_para_pr_id=left, break_setting={"page_break_before": True})
        ),
        head_fill=str(doc.styles.ensure_border_fill(border_color="#000000", fill_color="#E8E8E8")),
        total_fill=str(doc.styles.ensure_border_fill(border_color="#000000", fill_color="#F5F5F5")),
        plain=str(doc.styles.ensure_border_fill(border_color="#000000")),
        band=str(doc.styles.ensure_border_fill(border_color="#464646", fill_color="#464646")),
        band_text=run(size=9.5, bold=True, color="#FFFFFF"),
    )


class HwpxWriter:
    """An A4 HWPX document built block by block (titles, paragraphs, tables with merged header cells), in
    the cards' fonts and styles: the card and booklet here, and the other apps' papers (committees'
    agenda and minutes, versions' comparison) use it."""

    def __init__(self) -> None:
        self.doc = HwpxDocument.new()
        self.doc.page.setup(
            paper_size="A4",
            margin_left_mm=20,
            margin_right_mm=20,
            margin_top_mm=15,
            margin_bottom_mm=15,
            header_margin_mm=10,
            footer_margin_mm=10,
        )
        # The page-number control Hancom writes draws its own side dashes (sideChar "-").
        self.doc.page.set_page_number()
        self.s = _styles(self.doc)
        self.first = True

    # ------------------------------------------------------------ primitives

    def para(self, text: str, char: str | None = None, align: str | None = None) -> Any:
        return self.doc.add_paragraph(
            xml_text(text),
            char_pr_id_ref=char or self.s.body,
            para_pr_id_ref=align or self.s.left,
            inherit_style=False,
        )

    def new_page(self) -> None:
        """The next paragraph starts a page (except at the very beginning of the document)."""
        if not self.first:
            self.doc.add_paragraph("", para_pr_id_ref=self.s.page_break, char_pr_id_ref=self.s.body)
        self.first = False

    def section(self, title: str, note: str = "") -> None:
        self.para("")
        p = self.para(f"□ {title}", self.s.section)
        if note:
            p.add_run(f"  {note}", char_pr_id_ref=self.s.muted)

    def bullets(self, tree: Sequence[dict[str, Any]], level: int = 0) -> None:
        markers = ("○", "•", "-", "·")
        for node in tree:
            self.para(f"{'  ' * level}{markers[min(level, 3)]} {node.get('text', '')}")
            if node.get("children"):
                self.bullets(node["children"], level + 1)

    def table(
        self,
        rows: list[list[str]],
        widths: Sequence[float],
        *,
        head_rows: int = 1,
        merges: Sequence[tuple[int, int, int, int]] = (),
        heads: Sequence[tuple[int, int]] = (),
        totals: Sequence[int] = (),
        align_right_from: int | None = None,
    ) -> None:
        """A bordered table: `rows` give every grid cell's text ("" under a merge), `widths` the
        columns' shares of the text width, `merges` (row, col, last row, last col) the spans."""
        n_rows, n_cols = len(rows), len(widths)
        table = self.doc.add_table(n_rows, n_cols, width=TEXT_WIDTH, border_fill_id_ref=self.s.plain)
        table.set_column_widths(list(widths))
        head_cells = {(r, c) for r in range(head_rows) for c in range(n_cols)} | set(heads)
        covered: set[tuple[int, int]] = set()
        for r0, c0, r1, c1 in merges:
            covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
        # Cells straight from the rows: table.cell() rebuilds the whole grid on every call.
        grid = [row.cells for row in table.rows]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if (r, c) in covered:
                    continue
                cell = grid[r][c]
                paragraph = cell.paragraphs[0]
                is_head = (r, c) in head_cells
                right = align_right_from is not None and c >= align_right_from and not is_head
                paragraph.para_pr_id_ref = self.s.right if right else self.s.center
                paragraph.char_pr_id_ref = self.s.small_bold if is_head or r in totals else self.s.small
                paragraph.text = xml_text(value)
                if is_head:
                    cell.element.set("borderFillIDRef", self.s.head_fill)
                elif r in totals:
                    cell.element.set("borderFillIDRef", self.s.total_fill)
        # Spans set directly, as table.merge_cells leaves them (anchor spans the region and takes its
        # size; the covered cells go, as Hancom omits them), without rebuilding the grid per merge.
        for r0, c0, r1, c1 in merges:
            anchor = grid[r0][c0]
            anchor.set_span(r1 - r0 + 1, c1 - c0 + 1)
            anchor.set_size(
                width=sum(grid[r0][c].width for c in range(c0, c1 + 1)),
                height=sum(grid[r][c0].height for r in range(r0, r1 + 1)),
            )
        for r, c in covered:
            grid[r][c].remove()
        if head_rows:
            # Header rows repeat at the top of each page the table runs onto.
            table.element.set("repeatHeader", "1")
            for r in range(head_rows):
                for c in range(n_cols):
                    if (r, c) not in covered:
                        grid[r][c].element.set("header", "1")
        table.mark_dirty()

    # ------------------------------------------------------------ the card

    def card(self, d: CardDoc, *, area_band: str = "") -> None:
        self.new_page()
        if area_band:
            self.table([[area_band]], [1], head_rows=0)
        p = self.para("(관리카드)", self.s.small)
        p.add_run(f"    {d.plan_title}{' · ' + d.area if d.area else ''}", char_pr_id_ref=self.s.muted)
        title = f"{d.slogan}「{d.title}」" if d.slogan else d.title
        self.para(f"{d.code}   {title}", self.s.title)
        self.header_table(d)
        self.para("")
        p = self.para("❖ 목표 : ", self.s.bold)
        p.add_run(xml_text(d.goal or "-"), char_pr_id_ref=self.s.body)
        self.para(gettext("이행 확인지표(임기내 목표)"), self.s.bold)
        self.para(f" - {d.term_indicator or '-'}")
        for sec in d.texts_before:
            self.section(sec.label)
            self.bullets(sec.tree) if sec.tree else self.para(
                gettext("입력된 내용이 없습니다."), self.s.muted
            )
        self.budget(d)
        self.indicators(d)
        self.finance(d)
        self.activities(d)
        self.legislation(d)
        for sec in d.texts_after:
            self.section(sec.label)
            self.bullets(sec.tree) if sec.tree else self.para(
                gettext("입력된 내용이 없습니다."), self.s.muted
            )
        if d.children:
            self.section(gettext("세부과제"))
            rows = [["관리번호", "세부과제명", "사업이행도", "진도율"], *d.children]
            self.table(rows, [1, 3.4, 1.3, 0.8])
        if d.flags:
            self.para("")
            self.para(gettext("※ 원문과 다른 수치 %(n)s건") % {"n": len(d.flags)}, self.s.small_bold)
            for message in d.flags:
                self.para(f" - {message}", self.s.small)

    def header_table(self, d: CardDoc) -> None:
        h = d.header
        statuses = [label for label, _ in d.statuses]
        marks = ["O" if on else "" for _, on in d.statuses]
        rows = [
            ["사업이행도", *statuses, "임기 중 목표대비\n종합 진도율"],
            ["", *marks, d.progress],
            [
                "사업주체",
                h["implementer"],
                "임기구분",
                h["term_class"],
                "신규여부",
                h["novelty"],
                "예산구분",
                h["budget_class"],
            ],
            [
                "주관부서",
                f"{h['organization']} {h['department']}".strip(),
                "",
                "담당자",
                "\n".join(d.contacts) or "-",
                "",
                "중앙협조",
                h["central_coop"],
            ],
            ["협력 기관", h["partners"], "", "", "관련 협약", h["agreement"], "", ""],
        ]
        merges = [(0, 0, 1, 0), (3, 1, 3, 2), (3, 4, 3, 5), (4, 1, 4, 3), (4, 5, 4, 7)]
        heads = [(r, c) for r, cols in ((2, (0, 2, 4, 6)), (3, (0, 3, 6)), (4, (0, 4))) for c in cols]
        if h["period"] or h["location"] or h["execution_type"] or h["expense_type"]:
            rows.append(["사업기간", h["period"] or "-", "사업위치", h["location"] or "-", "", "", "", ""])
            rows.append(
                [
                    "사업형태",
                    h["execution_type"] or "-",
                    "경상·투자",
                    h["expense_type"] or "-",
                    "총사업비",
                    h["total_cost"],
                    "",
                    "",
                ]
            )
            merges += [(5, 3, 5, 7), (6, 5, 6, 7)]
            heads += [(5, 0), (5, 2), (6, 0), (6, 2), (6, 4)]
        self.table(rows, [1.15, 0.85, 1.35, 0.95, 0.95, 0.8, 0.8, 1.55], merges=merges, heads=heads)

    def budget(self, d: CardDoc) -> None:
        self.section(gettext("예산투입 실적 및 계획"), gettext("(단위: %(unit)s)") % {"unit": d.unit_label})
        n = len(d.budget_years)
        width = 6 + n
        rows = [
            ["구 분", "재원", "합계", "기투자", "임기 내", *[""] * n, "임기후"],
            ["", "", "", "", "소계", *d.budget_years, ""],
        ]
        merges = [(0, c, 1, c) for c in (0, 1, 2, 3, width - 1)] + [(0, 4, 0, 4 + n)]
        totals = []
        for block in d.budget:
            first = len(rows)
            for i, r in enumerate(block.rows):
                rows.append([block.label if i == 0 else "", *r])
                if i == 0:
                    totals.append(first)
            merges.append((first, 0, first + len(block.rows) - 1, 0))
        heads = [(r, 0) for r in range(2, len(rows))]
        self.table(
            rows,
            [1.25, 1, 1.2, 1, 1.1, *[1] * n, 1],
            head_rows=2,
            merges=merges,
            heads=heads,
            totals=totals,
            align_right_from=2,
        )

    def indicators(self, d: CardDoc) -> None:
        self.section(gettext("이행 확인지표"))
        if not d.indicators:
            self.para(gettext("확인지표가 없습니다."), self.s.muted)
        for ind in d.indicators:
            name = ind.name + (f"\n(단위: {ind.unit})" if ind.unit else "")
            rows = [
                ["구 분", "", *ind.headers, "비고"],
                [name, "계획①", *ind.plan, ind.note],
                ["", "실적②", *ind.actual, ""],
                ["", "달성률\n②÷①", *ind.rate, ""],
            ]
            last = len(rows[0]) - 1
            merges = [(0, 0, 0, 1), (1, 0, 3, 0), (1, last, 3, last)]
            self.table(
                rows,
                [1.2, 0.7, 1.6, *[1] * (len(ind.headers) - 1), 0.7],
                merges=merges,
                heads=[(1, 1), (2, 1), (3, 1)],
                totals=[3],
            )
            self.para("")

    def finance(self, d: CardDoc) -> None:
        f = d.finance
        if f.empty:
            return
        self.section(gettext("예산 설명"), gettext("(단위: 천원)"))
        if f.summary:
            self.table(
                [["구분", *f.summary_headers, "증감", "증감률(%)"], *f.summary],
                [1.6, *[1] * len(f.summary_headers), 1, 0.8],
                totals=[1],
                align_right_from=1,
            )
        for caption, groups in f.items:
            self.para(caption, self.s.small_bold)
            rows = [["과목구분", "세부 산출내역", "금액(천원)"]]
            merges = []
            for head, lines in groups:
                if len(lines) > 1:
                    merges.append((len(rows), 0, len(rows) + len(lines) - 1, 0))
                for i, (text, amount, depth) in enumerate(lines):
                    marker = "○-•"[min(int(depth), 2)]
                    rows.append([head if i == 0 else "", f"{'  ' * int(depth)}{marker} {text}", amount])
            self.table(rows, [1.2, 4, 1], merges=merges, align_right_from=2)
        for caption, sched_rows in f.schedule:
            self.para(caption, self.s.small_bold)
            self.table(
                [["사업추진절차", "추진기간", "예산집행금액", "추진세부내용"], *sched_rows],
                [1.5, 1, 1, 2.5],
                totals=[1],
            )
        if f.settlements:
            self.para(gettext("결산 현황"), self.s.small_bold)
            columns = [
                "연도",
                "당초예산",
                "전년이월",
                "예산변경",
                "예산현액",
                "집행액",
                "차년이월",
                "집행잔액",
                "집행률",
            ]
            self.table([columns, *f.settlements], [0.7, *[1] * 8], align_right_from=1)

    def activities(self, d: CardDoc) -> None:
        self.section(gettext("세부추진실적"))
        if not d.activities:
            self.para(gettext("추진실적이 없습니다."), self.s.muted)
        for a in d.activities:
            p = self.para(f"○ {a.when} : ", self.s.bold)
            p.add_run(
                xml_text(a.text + (f" ({a.participants})" if a.participants else "")),
                char_pr_id_ref=self.s.body,
            )
            self.bullets(a.details, 1)

    def legislation(self, d: CardDoc) -> None:
        if not d.legislation:
            return
        self.section(gettext("조례 입법 추진현황"))
        rows = [["조례명", "발의", "위원회 심사", "본회의 의결", "공포", "현재 단계", "비고"]]
        rows += [
            [f"{lg.name}\n{lg.bill_kind}" if lg.bill_kind else lg.name, *lg.dates, lg.stage, lg.note]
            for lg in d.legislation
        ]
        self.table(rows, [2.3, 1, 1, 1, 1, 0.9, 1])

    # ------------------------------------------------------------ the booklet

    def cover(self, info: BookletInfo, count: int) -> None:
        self.first = False
        for _ in range(8):
            self.para("")
        self.para(info.term, self.s.body, self.s.center)
        self.para(info.plan_title, self.s.title, self.s.center)
        self.para(gettext("상생협력과제 관리카드"), self.s.section, self.s.center)
        self.para("")
        self.para(
            gettext("과제 %(n)s건 · 금액 단위 %(unit)s") % {"n": count, "unit": info.unit_label},
            self.s.small,
            self.s.center,
        )
        for _ in range(12):
            self.para("")
        self.para(
            gettext("%(date)s 기준") % {"date": kdate.official(info.day)}, self.s.section, self.s.center
        )
        self.para(info.organizations, self.s.bold, self.s.center)

    def summary(self, docs: Sequence[CardDoc]) -> None:
        self.new_page()
        self.para(gettext("과제 총괄표"), self.s.title)
        rows = [["관리번호", "과제명", "주관부서", "사업이행도", "종합 진도율"]]
        rows += [
            [d.code, d.title, d.header["department"] or "-", f"{d.status_icon} {d.status_label}", d.progress]
            for d in docs
        ]
        self.table(rows, [0.8, 3.6, 1.7, 1.4, 1])

    def to_bytes(self) -> bytes:
        data: bytes = self.doc.to_bytes()
        return data


def card_hwpx(doc: CardDoc) -> bytes:
    writer = HwpxWriter()
    writer.card(doc)
    return writer.to_bytes()


def booklet_hwpx(
    info: BookletInfo, docs: Sequence[CardDoc], *, progress: Callable[[int, int], None] | None = None
) -> bytes:
    writer = HwpxWriter()
    writer.cover(info, len(docs))
    writer.summary(docs)
    area = None
    for i, d in enumerate(docs):
        band = d.area if d.area and d.area != area else ""
        area = d.area or area
        writer.card(d, area_band=band)
        if progress:
            progress(i + 1, len(docs))
    return writer.to_bytes()
