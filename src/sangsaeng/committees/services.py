"""Every write to committees and meetings: atomic, conflict-checked where two people may edit, audited.

Decisions (의결) and what applying them does to a plan live in committees.decisions; invitations and
their calendar attachment in committees.invitations.
"""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.audit.services import log_event
from sangsaeng.committees.models import (
    AgendaItem,
    AgendaPaper,
    Attendance,
    Committee,
    CostLine,
    Decision,
    Meeting,
    Membership,
    MinutesReview,
)
from sangsaeng.orgs.models import Organization
from sangsaeng.plans.attachments import check_upload
from sangsaeng.plans.models import Area, Plan, Task
from sangsaeng.plans.services import in_record_language


class StaleError(Exception):
    """What is being saved changed since the form was opened."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def stale_error(kind: str) -> StaleError:
    return StaleError(
        gettext(
            "다른 사용자가 먼저 %(kind)s 내용을 수정했습니다. 바뀐 내용을 확인한 뒤 다시 저장하세요. "
            "입력하신 내용은 아래에 그대로 남아 있습니다."
        )
        % {"kind": kind}
    )


def locked_minutes() -> ValidationError:
    return ValidationError(
        gettext("회의록이 확정되어 더 이상 고칠 수 없습니다. 확정된 회의록은 잠겨 있습니다.")
    )


def _lock_open_meeting(meeting_id: int) -> Meeting:
    """Lock the meeting for the change being made to it, refusing when its minutes are finalized: the
    record of a finalized meeting (agenda, papers, attendance, minutes) no longer changes."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if meeting.minutes_locked:
        raise locked_minutes()
    return meeting


def _check_revision(
    obj: Committee | Meeting | AgendaItem | Decision, base_revision: int | None, kind: str
) -> None:
    if base_revision is not None and base_revision != obj.revision:
        raise stale_error(kind)


# ---------------------------------------------------------------- committees


@dataclass
class CommitteeInput:
    name: str
    kind: str
    plan: Plan | None
    parent: Committee | None = None
    area: Area | None = None
    task: Task | None = None
    organizations: Sequence[Organization] = ()
    purpose: str = ""
    cadence_count: int = 0
    cadence_period: str = Committee.Period.MONTH
    order: int = 0


def _check_committee(committee: Committee, data: CommitteeInput) -> None:
    errors: dict[str, str] = {}
    if data.parent is not None:
        if committee.pk and _is_descendant(data.parent, committee):
            errors["parent"] = gettext("위원회를 자기 자신이나 하위 위원회 아래에 둘 수 없습니다.")
        elif data.parent.plan_id != (data.plan.pk if data.plan else None):
            errors["parent"] = gettext("분과위원회는 상위 위원회와 같은 계획에 속해야 합니다.")
    if data.area is not None and (data.plan is None or data.area.plan_id != data.plan.pk):
        errors["area"] = gettext("선택한 분야가 이 계획에 없습니다.")
    if data.task is not None and (data.plan is None or data.task.plan_id != data.plan.pk):
        errors["task"] = gettext("선택한 과제가 이 계획에 없습니다.")
    if not data.organizations:
        errors["organizations"] = gettext("위원회가 속한 기관을 하나 이상 고르세요.")
    if errors:
        raise ValidationError(errors)


def _is_descendant(node: Committee, ancestor: Committee) -> bool:
    seen: set[int] = set()
    current: Committee | None = node
    while current is not None and current.pk not in seen:
        if current.pk == ancestor.pk:
            return True
        seen.add(current.pk)
        current = current.parent
    return False


def _apply_committee(committee: Committee, data: CommitteeInput) -> None:
    for field in ("name", "kind", "plan", "parent", "area", "task", "purpose", "cadence_count"):
        setattr(committee, field, getattr(data, field))
    committee.cadence_period = data.cadence_period
    committee.order = data.order


def committee_create(*, actor: User, data: CommitteeInput) -> Committee:
    with transaction.atomic():
        committee = Committee()
        _apply_committee(committee, data)
        _check_committee(committee, data)
        committee.full_clean()
        committee.save()
        committee.organizations.set(data.organizations)
        log_event(
            actor=actor,
            action="committee.create",
            summary=gettext("위원회 등록: %(name)s") % {"name": committee.name},
            plan=committee.plan,
        )
    return committee


def committee_update(
    *, actor: User, committee: Committee, data: CommitteeInput, base_revision: int
) -> Committee:
    with transaction.atomic():
        current = Committee.objects.select_for_update().get(pk=committee.pk)
        _check_revision(current, base_revision, gettext("위원회"))
        _apply_committee(current, data)
        _check_committee(current, data)
        current.full_clean()
        current.revision += 1
        current.save()
        current.organizations.set(data.organizations)
        log_event(
            actor=actor,
            action="committee.update",
            summary=gettext("위원회 수정: %(name)s") % {"name": current.name},
            plan=current.plan,
        )
    return current


# ---------------------------------------------------------------- members


MEMBER_FIELDS = (
    "name",
    "side",
    "role",
    "affiliation",
    "position",
    "email",
    "phone",
    "user",
    "appointed_on",
    "term_start",
    "term_end",
    "order",
)


def membership_save(
    *, actor: User, committee: Committee, values: dict[str, Any], membership: Membership | None = None
) -> Membership:
    """Add a member (membership=None) or change one; `values` holds MEMBER_FIELDS."""
    with transaction.atomic():
        member = membership or Membership(committee=committee)
        created = member.pk is None
        for field in MEMBER_FIELDS:
            if field in values:
                setattr(member, field, values[field])
        if created and not values.get("order"):
            last = committee.memberships.aggregate(m=Max("order"))["m"]
            member.order = (last or 0) + 1
        member.full_clean()
        member.save()
        log_event(
            actor=actor,
            action="committee.member_add" if created else "committee.member_update",
            summary=(
                gettext("위원 위촉: %(name)s (%(committee)s)")
                if created
                else gettext("위원 정보 수정: %(name)s (%(committee)s)")
            )
            % {"name": member.name, "committee": committee.name},
            plan=committee.plan,
        )
    return member


def membership_remove(*, actor: User, membership: Membership) -> None:
    with transaction.atomic():
        committee = membership.committee
        if membership.attendances.exists():
            raise ValidationError(
                gettext("회의에 출석 기록이 있는 위원은 삭제할 수 없습니다. 임기 종료일을 입력해 해촉하세요.")
            )
        membership.delete()
        log_event(
            actor=actor,
            action="committee.member_remove",
            summary=gettext("위원 삭제: %(name)s (%(committee)s)")
            % {"name": membership.name, "committee": committee.name},
            plan=committee.plan,
        )


# ---------------------------------------------------------------- meetings


@dataclass
class MeetingInput:
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str = ""
    host: Organization | None = None
    status: str = Meeting.Status.SCHEDULED


def _apply_meeting(meeting: Meeting, data: MeetingInput) -> None:
    meeting.title = data.title
    meeting.starts_at = data.starts_at
    meeting.ends_at = data.ends_at
    meeting.place = data.place
    meeting.host = data.host
    meeting.status = data.status
    if data.ends_at < data.starts_at:
        raise ValidationError({"ends_at": gettext("종료 일시가 시작 일시보다 빠릅니다.")})


def meeting_schedule(*, actor: User, committee: Committee, data: MeetingInput) -> Meeting:
    with transaction.atomic():
        meeting = Meeting(committee=committee, created_by=actor)
        _apply_meeting(meeting, data)
        meeting.full_clean()
        meeting.save()
        log_event(
            actor=actor,
            action="committee.meeting_schedule",
            summary=gettext("회의 일정 등록: %(title)s") % {"title": meeting.title},
            plan=committee.plan,
        )
    return meeting


def meeting_update(*, actor: User, meeting: Meeting, data: MeetingInput, base_revision: int) -> Meeting:
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _check_revision(current, base_revision, gettext("회의"))
        _apply_meeting(current, data)
        current.full_clean()
        current.revision += 1
        current.save()
        log_event(
            actor=actor,
            action="committee.meeting_update",
            summary=gettext("회의 정보 수정: %(title)s") % {"title": current.title},
            plan=meeting.committee.plan,
        )
    return current


# ---------------------------------------------------------------- agenda


def add_agenda_item(
    *,
    actor: User | None,
    meeting: Meeting,
    title: str,
    task: Task | None = None,
    description: str = "",
    kind: str = AgendaItem.Kind.DELIBERATION,
    presenter: str = "",
) -> AgendaItem:
    """Put an item at the end of a meeting's agenda (also used by partner requests to 의제화 them)."""
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("committee__plan")
            .get(pk=meeting.pk)
        )
        if locked.minutes_locked:
            raise locked_minutes()
        if (
            task is not None
            and locked.committee.plan_id is not None
            and task.plan_id != locked.committee.plan_id
        ):
            raise ValidationError({"task": gettext("이 위원회의 계획에 없는 과제입니다.")})
        last = locked.agenda_items.aggregate(m=Max("order"))["m"]
        item = AgendaItem(
            meeting=locked,
            order=(last or 0) + 1,
            kind=kind,
            title=title,
            task=task,
            description=description,
            presenter=presenter,
        )
        item.full_clean()
        item.save()
        log_event(
            actor=actor,
            action="committee.agenda_add",
            summary=gettext("안건 상정: %(title)s (%(meeting)s)") % {"title": title, "meeting": locked.title},
            plan=locked.committee.plan,
        )
    return item


def agenda_item_update(
    *, actor: User, item: AgendaItem, values: dict[str, Any], base_revision: int | None
) -> AgendaItem:
    """Change an item of a meeting whose minutes are not finalized; base_revision is the item's revision
    when the form was opened (None: not checked, for callers that hold no form)."""
    with transaction.atomic():
        # The meeting first, then the item: the order add_agenda_item and minutes_finalize lock in.
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("committee__plan")
            .get(pk=item.meeting_id)
        )
        if meeting.minutes_locked:
            raise locked_minutes()
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        _check_revision(item, base_revision, gettext("안건"))
        task = values.get("task")
        if (
            task is not None
            and meeting.committee.plan_id is not None
            and task.plan_id != meeting.committee.plan_id
        ):
            raise ValidationError({"task": gettext("이 위원회의 계획에 없는 과제입니다.")})
        for field in ("kind", "title", "task", "description", "presenter", "order"):
            if field in values:
                setattr(item, field, values[field])
        item.full_clean()
        item.revision += 1
        item.save()
        log_event(
            actor=actor,
            action="committee.agenda_update",
            summary=gettext("안건 수정: %(title)s (%(meeting)s)")
            % {"title": item.title, "meeting": meeting.title},
            plan=meeting.committee.plan,
        )
    return item


def agenda_item_delete(*, actor: User, item: AgendaItem) -> None:
    with transaction.atomic():
        _lock_open_meeting(item.meeting_id)
        if item.decisions.exists():
            raise ValidationError(gettext("의결이 기록된 안건은 삭제할 수 없습니다. 의결을 먼저 삭제하세요."))
        paths = [p.file.name for p in item.papers.all() if p.file.name]
        meeting = item.meeting
        item.delete()
        log_event(
            actor=actor,
            action="committee.agenda_delete",
            summary=gettext("안건 삭제: %(title)s (%(meeting)s)")
            % {"title": item.title, "meeting": meeting.title},
            plan=meeting.committee.plan,
        )
        transaction.on_commit(lambda: _delete_files(paths))


def _delete_files(paths: list[str]) -> None:
    for path in paths:
        default_storage.delete(path)


def paper_add(*, actor: User, item: AgendaItem, upload: Any) -> AgendaPaper:
    """Check a file like a card attachment (type sniffing, size, archives) and store it under media."""
    name, file_type = check_upload(upload)
    stored: list[str] = []
    try:
        with transaction.atomic():
            _lock_open_meeting(item.meeting_id)
            paper = AgendaPaper(
                agenda_item=item,
                token=secrets.token_urlsafe(24),
                original_name=name,
                kind=file_type.kind,
                content_type=file_type.content_type,
                size=upload.size,
                uploaded_by=actor,
            )
            paper.file.save(paper.token, upload, save=False)
            stored.append(paper.file.name or "")
            paper.save()
            log_event(
                actor=actor,
                action="committee.paper_add",
                summary=gettext("회의자료 추가: %(name)s (%(title)s)") % {"name": name, "title": item.title},
                plan=item.meeting.committee.plan,
            )
    except BaseException:
        # The row was rolled back; do not leave its file behind.
        for path in filter(None, stored):
            default_storage.delete(path)
        raise
    return paper


def paper_delete(*, actor: User, paper: AgendaPaper) -> None:
    path = paper.file.name or ""
    with transaction.atomic():
        _lock_open_meeting(paper.agenda_item.meeting_id)
        paper.delete()
        log_event(
            actor=actor,
            action="committee.paper_delete",
            summary=gettext("회의자료 삭제: %(name)s") % {"name": paper.original_name},
            plan=paper.agenda_item.meeting.committee.plan,
        )
        if path:
            transaction.on_commit(lambda: default_storage.delete(path))


# ---------------------------------------------------------------- attendance and minutes


@dataclass
class AttendanceInput:
    membership: Membership
    status: str
    proxy_name: str = ""
    note: str = ""


def _attendance_label(status: str, proxy_name: str) -> str:
    label = str(Attendance.Status(status).label)
    return f"{label} ({proxy_name})" if proxy_name else label


def attendance_record(
    *,
    actor: User,
    meeting: Meeting,
    rows: Sequence[AttendanceInput],
    base_revision: int | None = None,
) -> Meeting:
    """Record who attended (the whole roster at once); a proxy needs the proxy's name.

    A change of the meeting like any other: refused when the meeting changed since `base_revision`
    (None: not checked), bumps its revision and is audited member by member. Returns the meeting."""
    errors = [
        gettext("%(name)s 위원의 대리인 성명을 적으세요.") % {"name": row.membership.name}
        for row in rows
        if row.status == Attendance.Status.PROXY and not row.proxy_name.strip()
    ]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.minutes_locked:
            raise locked_minutes()
        _check_revision(locked, base_revision, gettext("출석"))
        before = {a.membership_id: a for a in locked.attendances.all()}
        changes: list[dict[str, Any]] = []
        for row in rows:
            if row.membership.committee_id != locked.committee_id:
                raise ValidationError(gettext("이 위원회의 위원이 아닙니다."))
            proxy_name = row.proxy_name.strip() if row.status == Attendance.Status.PROXY else ""
            Attendance.objects.update_or_create(
                meeting=locked,
                membership=row.membership,
                defaults={"status": row.status, "proxy_name": proxy_name, "note": row.note},
            )
            old = before.get(row.membership.pk)
            with in_record_language():
                was = _attendance_label(old.status, old.proxy_name) if old else ""
                now = _attendance_label(row.status, proxy_name)
                if was != now:
                    label = gettext("%(name)s 위원 출석 여부") % {"name": row.membership.name}
                    path = f"attendance.{row.membership.pk}"
                    changes.append({"path": path, "label": label, "before": was, "after": now})
        fields = ["revision", "updated_at"]
        if locked.status == Meeting.Status.SCHEDULED and locked.starts_at <= timezone.now():
            locked.status = Meeting.Status.HELD
            fields.append("status")
        locked.revision += 1
        locked.save(update_fields=fields)
        with in_record_language():
            summary = gettext("출석 기록: %(title)s") % {"title": locked.title}
        log_event(
            actor=actor,
            action="committee.attendance",
            summary=summary,
            plan=meeting.committee.plan,
            changes=changes,
        )
    return locked


def minutes_save(*, actor: User, meeting: Meeting, text: str, base_revision: int) -> Meeting:
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.minutes_locked:
            raise locked_minutes()
        _check_revision(current, base_revision, gettext("회의록"))
        before = current.minutes
        current.minutes = text
        current.revision += 1
        current.save(update_fields=["minutes", "revision", "updated_at"])
        # Reviews were of the earlier text: each reviewer checks the new one again.
        if before != text:
            MinutesReview.objects.filter(meeting=current).update(reviewed_at=None)
        log_event(
            actor=actor,
            action="committee.minutes_save",
            summary=gettext("회의록 작성: %(title)s") % {"title": current.title},
            plan=meeting.committee.plan,
            changes=[{"path": "minutes", "label": gettext("회의록"), "before": before, "after": text}],
        )
    return current


def minutes_review(*, actor: User, meeting: Meeting, reviewed: bool, comment: str) -> MinutesReview:
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.minutes_locked:
            raise locked_minutes()
        review, _ = MinutesReview.objects.get_or_create(meeting=current, user=actor)
        review.reviewed_at = timezone.now() if reviewed else None
        review.comment = comment.strip()
        review.save()
        log_event(
            actor=actor,
            action="committee.minutes_review",
            summary=(
                gettext("회의록 검토 완료: %(title)s") if reviewed else gettext("회의록 의견: %(title)s")
            )
            % {"title": current.title},
            plan=meeting.committee.plan,
        )
    return review


def minutes_finalize(*, actor: User, meeting: Meeting, base_revision: int) -> Meeting:
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.minutes_locked:
            raise locked_minutes()
        _check_revision(current, base_revision, gettext("회의록"))
        if not current.minutes.strip():
            raise ValidationError(gettext("회의록 내용이 없습니다. 회의록을 작성한 뒤 확정하세요."))
        current.minutes_finalized_at = timezone.now()
        current.minutes_finalized_by = actor
        current.revision += 1
        if current.status == Meeting.Status.SCHEDULED:
            current.status = Meeting.Status.HELD
        current.save(
            update_fields=["minutes_finalized_at", "minutes_finalized_by", "revision", "status", "updated_at"]
        )
        log_event(
            actor=actor,
            action="committee.minutes_finalize",
            summary=gettext("회의록 확정: %(title)s") % {"title": current.title},
            plan=meeting.committee.plan,
        )
    return current


# ---------------------------------------------------------------- budget


def cost_line_add(
    *,
    actor: User,
    meeting: Meeting,
    item: str,
    unit_price: int,
    quantity: Decimal,
    unit: str = "",
    note: str = "",
) -> CostLine:
    with transaction.atomic():
        last = meeting.cost_lines.aggregate(m=Max("order"))["m"]
        line = CostLine(
            meeting=meeting,
            item=item,
            unit_price=unit_price,
            quantity=quantity,
            unit=unit,
            note=note,
            order=(last or 0) + 1,
        )
        line.full_clean()
        line.save()
        log_event(
            actor=actor,
            action="committee.cost_add",
            summary=gettext("회의 경비 추가: %(item)s (%(title)s)") % {"item": item, "title": meeting.title},
            plan=meeting.committee.plan,
        )
    return line


def cost_line_delete(*, actor: User, line: CostLine) -> None:
    with transaction.atomic():
        meeting = line.meeting
        line.delete()
        log_event(
            actor=actor,
            action="committee.cost_delete",
            summary=gettext("회의 경비 삭제: %(item)s (%(title)s)")
            % {"item": line.item, "title": meeting.title},
            plan=meeting.committee.plan,
        )
