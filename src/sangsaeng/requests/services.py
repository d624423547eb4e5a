"""Every write to a request: atomic, revision-checked, logged as a transition and audited.

The views check who may act (requests.access); these functions check what may happen (the life cycle,
the deadline rules) and raise ValidationError with the Korean message the page shows.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from sangsaeng.accounts.models import Kind, User
from sangsaeng.audit.services import log_event
from sangsaeng.lib import kdate
from sangsaeng.notices.services import notice_create
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.attachments import check_upload, clean_name
from sangsaeng.plans.models import Area, Plan, Task
from sangsaeng.plans.services import in_record_language, task_create
from sangsaeng.requests import figures, lifecycle
from sangsaeng.requests.models import (
    Channel,
    Extension,
    Outcome,
    PartnerRequest,
    ProposalAttempt,
    ProposalSender,
    RequestAttachment,
    RequestType,
    State,
    Transition,
)

MAX_ATTACHMENTS = 5
# 시·도민 제안 accepted from one place (an IPv4 address, an IPv6 /64) in an hour;
# settings.REQUESTS_PROPOSALS_PER_HOUR overrides it.
PROPOSALS_PER_HOUR = 3
# The public form promises to keep a citizen's name and contact for one year after the request is closed.
CONTACT_KEPT_DAYS = 365


class ConflictError(ValidationError):
    """The request changed since the form was opened."""


def today() -> dt.date:
    return timezone.localdate()


def _summary(req: PartnerRequest, what: str) -> str:
    return f"건의 {req.number} {what}: {req.subject}"[:300]


def _lock(req: PartnerRequest, revision: int | None) -> PartnerRequest:
    """The request, locked for this transaction; refused when someone else changed it meanwhile."""
    locked = PartnerRequest.objects.select_for_update().get(pk=req.pk)
    if revision is not None and revision != locked.revision:
        raise ConflictError(
            gettext(
                "다른 사용자가 이 건의사항을 먼저 처리했습니다. 화면을 새로 고쳐 지금 상태를 확인한 뒤 "
                "다시 하세요. 입력하신 내용은 아래에 그대로 남아 있습니다."
            )
        )
    return locked


def _move(
    req: PartnerRequest,
    *,
    actor: User | None,
    to: str,
    action: str,
    note: str = "",
    fields: Sequence[str] = (),
) -> None:
    """Check and record a state change (or an action that keeps the state), bump the revision, save."""
    before = req.state
    # Staying put is always allowed for a note on the log (extension, rating, report); assigning
    # again is a move of its own, allowed only where the life cycle says (not after the answer).
    if to != before or action == "assign":
        lifecycle.check(before, to)
    req.state = to
    req.revision += 1
    req.save(update_fields=["state", "revision", "updated_at", *fields])
    Transition.objects.create(
        request=req, from_state=before, to_state=to, action=action, note=note, actor=actor, at=timezone.now()
    )


def _audit(req: PartnerRequest, *, actor: User | None, action: str, what: str) -> None:
    with in_record_language():
        log_event(actor=actor, action=f"request.{action}", summary=_summary(req, what))


def _notify(users: Iterable[User], *, kind: str, title: str, req: PartnerRequest, body: str = "") -> None:
    url = reverse("requests:detail", args=[req.pk])
    for user in {u.pk: u for u in users}.values():
        notice_create(user=user, kind=kind, title=title, url=url, body=body)


def coordinators_of(organization_id: int) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, organization_id=organization_id, kind=Kind.OFFICER, coordinated_plans__isnull=False
    ).distinct()


def department_officers(department_id: int) -> QuerySet[User]:
    return User.objects.filter(is_active=True, kind=Kind.OFFICER).filter(
        Q(department_id=department_id) | Q(department__parent_id=department_id)
    )


# ---------------------------------------------------------------- attachments


def _store(
    req: PartnerRequest, uploads: Sequence[Any], *, actor: User | None, role: str, stored: list[str]
) -> None:
    """Check each file with the card attachments' checker, then store it under a random name."""
    if req.attachments.count() + len(uploads) > MAX_ATTACHMENTS * 3:
        raise ValidationError(gettext("첨부파일이 너무 많습니다."))
    for upload in uploads:
        name, file_type = check_upload(upload)
        attachment = RequestAttachment(
            request=req,
            role=role,
            token=secrets.token_urlsafe(24),
            original_name=name,
            content_type=file_type.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        attachment.file.save(attachment.token, upload, save=False)
        stored.append(attachment.file.name or "")
        attachment.save()


def _cleaning_up(stored: list[str]) -> None:
    for path in filter(None, stored):
        default_storage.delete(path)


def check_uploads(uploads: Sequence[Any]) -> list[str]:
    """Korean errors of the files, one per refused file (nothing is stored)."""
    if len(uploads) > MAX_ATTACHMENTS:
        return [gettext("첨부파일은 한 번에 %(n)d개까지 올릴 수 있습니다.") % {"n": MAX_ATTACHMENTS}]
    errors = []
    for upload in uploads:
        try:
            check_upload(upload)
        except ValidationError as exc:
            errors.append(f"{clean_name(upload.name or '')}: {' '.join(exc.messages)}")
    return errors


# ---------------------------------------------------------------- intake


def request_submit(
    *,
    actor: User | None,
    request_type: RequestType,
    subject: str,
    body: str,
    receiving_org: Organization,
    channel: str = Channel.PARTNER,
    requester_org: Organization | None = None,
    requester_name: str = "",
    requester_contact: str = "",
    concerned_department: Department | None = None,
    related_tasks: Sequence[Task] = (),
    is_complex: bool = False,
    consulting_topic: str = "",
    total_cost: int | None = None,
    provincial_share: int | None = None,
    uploads: Sequence[Any] = (),
    received_on: dt.date | None = None,
) -> PartnerRequest:
    """접수: a new request, its deadline from the type, its files checked and stored, the receiving
    government's coordinators told."""
    received_on = received_on or today()
    if requester_org is not None and requester_org.pk == receiving_org.pk:
        raise ValidationError(
            {"receiving_org": gettext("자기 기관에는 건의할 수 없습니다. 받는 기관을 고르세요.")}
        )
    if concerned_department is not None and concerned_department.organization_id != receiving_org.pk:
        raise ValidationError(
            {"concerned_department": gettext("관련 부서는 받는 기관의 부서 가운데서 고르세요.")}
        )
    behaviour = request_type.behaviour
    if behaviour == RequestType.Behaviour.PREFEASIBILITY and (total_cost is None or provincial_share is None):
        raise ValidationError(gettext("사전타당성 검토 요청에는 총사업비와 도비 부담액을 적어야 합니다."))
    if provincial_share is not None and total_cost is not None and provincial_share > total_cost:
        raise ValidationError({"provincial_share": gettext("도비 부담액이 총사업비보다 클 수 없습니다.")})
    stored: list[str] = []
    try:
        with transaction.atomic():
            req = PartnerRequest(
                request_type=request_type,
                subject=subject.strip(),
                body=body.strip(),
                channel=channel,
                requester_org=requester_org,
                requester_user=actor if channel != Channel.ON_BEHALF else None,
                requester_name=requester_name or (actor.display_name if actor else ""),
                requester_contact=requester_contact,
                receiving_org=receiving_org,
                concerned_department=concerned_department,
                received_on=received_on,
                due_on=figures.due_date(
                    received_on, request_type.days, request_type.complex_days, is_complex=is_complex
                ),
                is_complex=is_complex,
                consulting_topic=consulting_topic if behaviour == RequestType.Behaviour.CONSULTING else "",
                total_cost=total_cost if behaviour == RequestType.Behaviour.PREFEASIBILITY else None,
                provincial_share=provincial_share
                if behaviour == RequestType.Behaviour.PREFEASIBILITY
                else None,
            )
            req.full_clean(exclude=["agenda_item", "task"])
            req.save()
            if related_tasks:
                req.related_tasks.set(related_tasks)
            entered = actor if channel != Channel.CITIZEN else None
            Transition.objects.create(
                request=req,
                from_state="",
                to_state=State.RECEIVED,
                action="submit",
                note=str(Channel(channel).label),
                actor=entered,
                at=timezone.now(),
            )
            _store(req, uploads, actor=entered, role=RequestAttachment.Role.REQUEST, stored=stored)
            _audit(req, actor=entered, action="submit", what="접수")
            title = gettext("새 %(type)s: %(subject)s (%(from)s)") % {
                "type": request_type.name,
                "subject": req.subject,
                "from": req.requester_org.short_name if req.requester_org else gettext("시·도민 제안"),
            }
            _notify(coordinators_of(receiving_org.pk), kind="request_received", title=title, req=req)
    except BaseException:
        _cleaning_up(stored)
        raise
    return req


def request_attach(*, actor: User, req: PartnerRequest, uploads: Sequence[Any], role: str) -> None:
    stored: list[str] = []
    try:
        with transaction.atomic():
            req = _lock(req, None)
            _store(req, uploads, actor=actor, role=role, stored=stored)
            _audit(req, actor=actor, action="attach", what=f"첨부 {len(uploads)}건")
    except BaseException:
        _cleaning_up(stored)
        raise


# ---------------------------------------------------------------- the public form's rate limit


def proposal_address_key(address: str | None) -> str:
    """The place a proposal comes from, as a keyed hash (the tables hold no readable address).

    An IPv4 address stands for itself; an IPv6 client is given a whole /64 and may pick any address in
    it, so its key is the /64 prefix."""
    place = "unknown"
    if address:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            place = address
        else:
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            if isinstance(ip, ipaddress.IPv6Address):
                place = str(ipaddress.IPv6Network((ip, 64), strict=False))
            else:
                place = str(ip)
    return hmac.new(settings.SECRET_KEY.encode(), place.encode(), hashlib.sha256).hexdigest()


def _lock_sender(key: str, at: dt.datetime) -> None:
    """Lock the place's row for this transaction (an update takes the row lock), creating it the first
    time; a second proposal from the same place waits here until the first is counted and committed."""
    if ProposalSender.objects.filter(address_hash=key).update(seen_at=at):
        return
    try:
        with transaction.atomic():
            ProposalSender.objects.create(address_hash=key, seen_at=at)
    except IntegrityError:
        # Created meanwhile by a proposal sent at the same moment: wait for its lock like the rest.
        ProposalSender.objects.filter(address_hash=key).update(seen_at=at)


def proposal_attempt(*, address: str | None, at: dt.datetime) -> bool:
    """Count a proposal sent from `address`; False when the place already sent the hour's limit.

    Every attempt counts, refused ones included. The count and the new attempt happen under the
    place's lock, so proposals sent at once cannot all slip under the limit."""
    limit = getattr(settings, "REQUESTS_PROPOSALS_PER_HOUR", PROPOSALS_PER_HOUR)
    key = proposal_address_key(address)
    with transaction.atomic():
        _lock_sender(key, at)
        earlier = ProposalAttempt.objects.filter(address_hash=key, at__gte=at - dt.timedelta(hours=1)).count()
        ProposalAttempt.objects.create(address_hash=key, at=at)
    # Old attempts and places are only needed for the last hour's count. Cleared after the place's lock
    # is released, skipping any place locked right now, so two senders never wait on each other.
    with transaction.atomic():
        ProposalAttempt.objects.filter(at__lt=at - dt.timedelta(days=1)).delete()
        stale = ProposalSender.objects.select_for_update(skip_locked=True).filter(
            seen_at__lt=at - dt.timedelta(days=1)
        )
        ProposalSender.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
    return earlier < limit


# ---------------------------------------------------------------- handling


def request_assign(
    *, actor: User, req: PartnerRequest, department: Department, revision: int | None, note: str = ""
) -> PartnerRequest:
    """배정: to a department of the receiving government; its officers are told."""
    if department.organization_id != req.receiving_org_id:
        raise ValidationError({"department": gettext("받는 기관의 부서에만 배정할 수 있습니다.")})
    with transaction.atomic():
        req = _lock(req, revision)
        req.assigned_department = department
        _move(
            req,
            actor=actor,
            to=State.ASSIGNED,
            action="assign",
            note=note or department.name,
            fields=["assigned_department"],
        )
        _audit(req, actor=actor, action="assign", what=f"{department.name} 배정")
        title = gettext("건의사항이 배정되었습니다: %(subject)s (기한 %(due)s)") % {
            "subject": req.subject,
            "due": kdate.official(req.due_on),
        }
        _notify(department_officers(department.pk), kind="request_assigned", title=title, req=req)
    return req


def request_move(
    *, actor: User, req: PartnerRequest, to: str, revision: int | None, note: str = ""
) -> PartnerRequest:
    """검토 시작, 처리중, 종결: moves that need nothing but (for closing unanswered) a reason."""
    if to not in (State.REVIEWING, State.IN_PROGRESS, State.CLOSED):
        raise ValidationError(gettext("이 화면에서는 그 단계로 넘길 수 없습니다."))
    with transaction.atomic():
        req = _lock(req, revision)
        fields: list[str] = []
        if to == State.CLOSED:
            if req.state == State.RECEIVED and not note.strip():
                raise ValidationError({"note": gettext("회신 없이 종결할 때는 사유를 적으세요.")})
            req.closed_on = today()
            fields.append("closed_on")
        _move(req, actor=actor, to=to, action=str(to), note=note.strip(), fields=fields)
        _audit(req, actor=actor, action=str(to), what=lifecycle.label(to))
    return req


def request_put_on_agenda(
    *, actor: User, req: PartnerRequest, meeting: Any, title: str, revision: int | None
) -> PartnerRequest:
    """의제화: a new agenda item of the meeting (committees.services), linked to the request."""
    from sangsaeng.committees.services import add_agenda_item

    lifecycle.check(req.state, State.ON_AGENDA)
    with transaction.atomic():
        req = _lock(req, revision)
        item = add_agenda_item(
            actor=actor, meeting=meeting, title=title, task=req.task, description=req.body[:2000]
        )
        req.agenda_item = item
        _move(req, actor=actor, to=State.ON_AGENDA, action="agenda", note=title, fields=["agenda_item"])
        _audit(req, actor=actor, action="agenda", what=f"의제화 ({title})")
    return req


def request_answer(
    *,
    actor: User,
    req: PartnerRequest,
    outcome: str,
    answer: str,
    reason: str = "",
    revision: int | None,
    uploads: Sequence[Any] = (),
    answered_on: dt.date | None = None,
) -> PartnerRequest:
    """회신: 수용, 일부수용 or 불수용 (with its reason); the requester is told."""
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = gettext("회신 결과(수용·일부수용·불수용)를 고르세요.")
    if not answer.strip():
        errors["answer"] = gettext("회신 내용을 적으세요.")
    if outcome in (Outcome.REJECTED, Outcome.PARTLY) and not reason.strip():
        errors["reason"] = gettext("불수용(일부수용)하는 사유를 적으세요.")
    if errors:
        raise ValidationError(errors)
    stored: list[str] = []
    try:
        with transaction.atomic():
            req = _lock(req, revision)
            lifecycle.check(req.state, State.ANSWERED)
            req.outcome = outcome
            req.answer = answer.strip()
            req.reason = reason.strip()
            req.answered_on = answered_on or today()
            req.answered_by = actor
            _move(
                req,
                actor=actor,
                to=State.ANSWERED,
                action="answer",
                note=str(Outcome(outcome).label),
                fields=["outcome", "answer", "reason", "answered_on", "answered_by"],
            )
            _store(req, uploads, actor=actor, role=RequestAttachment.Role.ANSWER, stored=stored)
            _audit(req, actor=actor, action="answer", what=f"회신 ({Outcome(outcome).label})")
            if req.requester_user_id:
                title = gettext("건의사항에 회신이 왔습니다: %(subject)s (%(outcome)s)") % {
                    "subject": req.subject,
                    "outcome": Outcome(outcome).label,
                }
                requester = User.objects.filter(pk=req.requester_user_id, is_active=True)
                _notify(requester, kind="request_answered", title=title, req=req)
    except BaseException:
        _cleaning_up(stored)
        raise
    return req


def request_extend(
    *,
    actor: User,
    req: PartnerRequest,
    new_due: dt.date,
    reason: str,
    consented: bool = False,
    consent_note: str = "",
    revision: int | None,
) -> PartnerRequest:
    """처리기한 연장, with a reason: once without the requester's consent; after that only with it."""
    errors: dict[str, str] = {}
    if not reason.strip():
        errors["reason"] = gettext("연장 사유를 적으세요.")
    with transaction.atomic():
        req = _lock(req, revision)
        if not req.is_open:
            raise ValidationError(gettext("회신했거나 종결한 건의사항의 기한은 연장할 수 없습니다."))
        if new_due <= req.due_on:
            errors["new_due"] = gettext("연장 기한은 지금 기한(%(due)s)보다 뒤여야 합니다.") % {
                "due": kdate.official(req.due_on)
            }
        earlier = req.extensions.count()
        if earlier >= 1 and not (consented and consent_note.strip()):
            errors["consented"] = gettext(
                "기한은 요청기관의 동의 없이 한 번만 연장할 수 있습니다. 다시 연장하려면 요청기관의 동의를 "
                "받고, 동의 여부와 확인 내용(누가, 언제, 어떻게)을 적으세요."
            )
        if errors:
            raise ValidationError(errors)
        Extension.objects.create(
            request=req,
            old_due=req.due_on,
            new_due=new_due,
            reason=reason.strip(),
            consented=consented,
            consent_note=consent_note.strip(),
            by=actor,
            at=timezone.now(),
        )
        old = req.due_on
        req.due_on = new_due
        _move(
            req,
            actor=actor,
            to=req.state,
            action="extend",
            note=f"{old:%Y-%m-%d} → {new_due:%Y-%m-%d}: {reason.strip()}",
            fields=["due_on"],
        )
        _audit(req, actor=actor, action="extend", what=f"기한 연장 {old} → {new_due}")
        if req.requester_user_id:
            title = gettext("건의사항 처리기한이 %(due)s(으)로 연장되었습니다: %(subject)s") % {
                "due": kdate.official(new_due),
                "subject": req.subject,
            }
            _notify(
                User.objects.filter(pk=req.requester_user_id),
                kind="request_extended",
                title=title,
                req=req,
                body=reason,
            )
    return req


def request_rate(*, actor: User, req: PartnerRequest, rating: int, comment: str = "") -> PartnerRequest:
    """만족도 (1–5) and a comment, once, by the requesting government after the answer."""
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": gettext("만족도는 1점부터 5점까지 고르세요.")})
    with transaction.atomic():
        req = _lock(req, None)
        if req.state not in (State.ANSWERED, State.CLOSED) or req.answered_on is None:
            raise ValidationError(gettext("회신을 받은 뒤에 만족도를 평가할 수 있습니다."))
        if req.rating is not None:
            raise ValidationError(gettext("만족도는 한 번만 평가할 수 있습니다. 이미 평가하셨습니다."))
        req.rating = rating
        req.rating_comment = comment.strip()
        req.rated_at = timezone.now()
        req.rated_by = actor
        _move(
            req,
            actor=actor,
            to=req.state,
            action="rate",
            note=f"{rating}점",
            fields=["rating", "rating_comment", "rated_at", "rated_by"],
        )
        _audit(req, actor=actor, action="rate", what=f"만족도 {rating}점")
    return req


def request_record_review(
    *,
    actor: User,
    req: PartnerRequest,
    report: str,
    committee_on: dt.date | None,
    committee_result: str,
    revision: int | None,
    uploads: Sequence[Any] = (),
) -> PartnerRequest:
    """사전타당성 검토: the report (text and/or file) and its referral to the review committee."""
    if req.request_type.behaviour != RequestType.Behaviour.PREFEASIBILITY:
        raise ValidationError(gettext("사전타당성 검토 요청에만 검토 결과를 적을 수 있습니다."))
    if not report.strip() and not uploads:
        raise ValidationError({"report": gettext("검토 결과를 적거나 보고서 파일을 올리세요.")})
    stored: list[str] = []
    try:
        with transaction.atomic():
            req = _lock(req, revision)
            if not req.is_open:
                raise ValidationError(gettext("회신했거나 종결한 건의사항입니다."))
            req.review_report = report.strip()
            req.committee_on = committee_on
            req.committee_result = committee_result.strip()
            _move(
                req,
                actor=actor,
                to=req.state,
                action="review_report",
                note=gettext("검토 보고서"),
                fields=["review_report", "committee_on", "committee_result"],
            )
            _store(req, uploads, actor=actor, role=RequestAttachment.Role.REPORT, stored=stored)
            _audit(req, actor=actor, action="review_report", what="사전타당성 검토 결과")
    except BaseException:
        _cleaning_up(stored)
        raise
    return req


def request_make_task(
    *,
    actor: User,
    req: PartnerRequest,
    plan: Plan,
    code: str,
    title: str,
    lead_department: Department | None,
    revision: int | None,
    area: Area | None = None,
) -> Task:
    """과제화: a new task of the plan (plans.services.task_create), linked both ways."""
    with transaction.atomic():
        req = _lock(req, revision)
        if req.task_id is not None:
            raise ValidationError(gettext("이미 과제로 만든 건의사항입니다."))
        lifecycle.check_make_task(req.state, answered=req.answered_on is not None)
        task = task_create(
            actor=actor,
            plan=plan,
            code=code.strip(),
            title=title.strip(),
            area=area,
            lead_department=lead_department,
            partners=[req.requester_org] if req.requester_org else None,
        )
        req.task = task
        _move(
            req,
            actor=actor,
            to=req.state,
            action="make_task",
            note=f"{task.code} {task.title}",
            fields=["task"],
        )
        _audit(req, actor=actor, action="make_task", what=f"과제화 {task.code}")
    return task


# ---------------------------------------------------------------- personal data


def citizen_contacts_purge(*, today: dt.date | None = None) -> int:
    """Blank the name and contact of citizens' proposals closed more than CONTACT_KEPT_DAYS ago, as the
    public form promises; the request, its answer and its log stay. Safe to run again: a purged request
    has nothing left to purge. Returns how many requests were purged."""
    day = today or timezone.localdate()
    due = (
        PartnerRequest.objects.filter(
            channel=Channel.CITIZEN,
            state=State.CLOSED,
            closed_on__lt=day - dt.timedelta(days=CONTACT_KEPT_DAYS),
        )
        .exclude(requester_name="", requester_contact="")
        .order_by("pk")
    )
    purged = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            req = PartnerRequest.objects.select_for_update().get(pk=pk)
            # Checked again under the lock: another run may have purged it meanwhile.
            if not (req.requester_name or req.requester_contact):
                continue
            req.requester_name = ""
            req.requester_contact = ""
            _move(
                req,
                actor=None,
                to=req.state,
                action="purge_contact",
                note=gettext("종결 후 1년이 지나 제안자의 성명과 연락처를 삭제했습니다."),
                fields=["requester_name", "requester_contact"],
            )
            _audit(req, actor=None, action="purge_contact", what="제안자 성명·연락처 삭제 (종결 후 1년)")
            purged += 1
    return purged


def type_save(*, actor: User, instance: RequestType) -> RequestType:
    with transaction.atomic():
        creating = instance.pk is None
        instance.full_clean()
        instance.save()
        with in_record_language():
            log_event(
                actor=actor,
                action="request_type.create" if creating else "request_type.update",
                summary=f"건의 유형 {instance.name}: 처리기한 {instance.days}일",
            )
    return instance
