"""Every write to an agreement: validated, conflict-checked, atomic and audited."""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import org_scope
from sangsaeng.agreements.records import changes_between, check_revision
from sangsaeng.audit.services import log_event
from sangsaeng.orgs.models import Agreement, Organization
from sangsaeng.plans import attachments

FIELDS = ("title", "kind", "signed_on", "scope", "status", "term_start", "term_end", "indefinite")
LABELS = {
    "title": gettext_noop("협약명"),
    "kind": gettext_noop("종류"),
    "parties": gettext_noop("당사자"),
    "signed_on": gettext_noop("체결일"),
    "scope": gettext_noop("협력 범위"),
    "status": gettext_noop("상태"),
    "term_start": gettext_noop("협약기간 시작"),
    "term_end": gettext_noop("협약기간 종료"),
    "indefinite": gettext_noop("기간 정함 없음"),
    "document_name": gettext_noop("협약서"),
}


def snapshot(agreement: Agreement, parties: list[Organization] | None = None) -> dict[str, Any]:
    values = {name: getattr(agreement, name) for name in FIELDS}
    names = [p.name for p in (parties if parties is not None else agreement.parties.all())]
    return values | {"parties": names, "document_name": agreement.document_name}


def check_terms(fields: dict[str, Any], parties: list[Organization]) -> None:
    errors: dict[str, list[str]] = {}
    if len({p.pk for p in parties}) < 2:
        errors["parties"] = [gettext("당사자 기관을 둘 이상 고르세요.")]
    start, end = fields.get("term_start"), fields.get("term_end")
    if fields.get("indefinite") and end:
        errors["term_end"] = [gettext("기간을 정하지 않은 협약에는 종료일을 적지 않습니다.")]
    elif start and end and end < start:
        errors["term_end"] = [gettext("협약기간 종료일이 시작일보다 빠릅니다.")]
    if errors:
        raise ValidationError(errors)


def _store_document(agreement: Agreement, upload: Any) -> str:
    name, file_type = attachments.check_upload(upload)
    agreement.document_token = secrets.token_urlsafe(24)
    agreement.document_name = name
    agreement.document_type = file_type.content_type
    agreement.document_size = upload.size
    agreement.document.save(agreement.document_token, upload, save=False)
    return agreement.document.name or ""


def agreement_save(
    *,
    actor: User,
    agreement: Agreement | None,
    fields: dict[str, Any],
    parties: list[Organization],
    base_revision: int | None,
    document: Any = None,
) -> Agreement:
    """Create (`agreement` None) or update an agreement. The actor must write for one of the parties
    (before and after the change), so no one records agreements for other governments."""
    check_terms(fields, parties)
    scope = org_scope(actor)
    if not scope.writes({p.pk for p in parties}):
        raise ValidationError({"parties": [gettext("담당하는 기관이 당사자에 들어 있어야 합니다.")]})
    stored: list[str] = []
    try:
        with transaction.atomic():
            if agreement is None:
                current, before = Agreement(), None
            else:
                current = Agreement.objects.select_for_update().get(pk=agreement.pk)
                before = snapshot(current)
                check_revision(
                    current=current.revision,
                    base=base_revision,
                    changes=changes_between(before, fields | {"parties": [p.name for p in parties]}, LABELS),
                )
            old_file = current.document.name or ""
            for name in FIELDS:
                setattr(current, name, fields[name])
            if document is not None:
                stored.append(_store_document(current, document))
            current.revision += 1
            current.full_clean(exclude=["document"])
            current.save()
            current.parties.set(parties)
            after = snapshot(current, parties)
            log_event(
                actor=actor,
                action="agreement_create" if before is None else "agreement_update",
                summary=(
                    gettext_noop("협약 등록: %(title)s")
                    if before is None
                    else gettext_noop("협약 수정: %(title)s")
                )
                % {"title": current.title},
                changes=changes_between(before or {}, after, LABELS),
            )
            if document is not None and old_file:
                transaction.on_commit(lambda: default_storage.delete(old_file))
    except BaseException:
        # The row was rolled back; do not leave its new file behind.
        for path in filter(None, stored):
            default_storage.delete(path)
        raise
    return current
