"""What the cooperation records (agreements, personnel exchanges, events) share: the concurrent-edit
check and the field-by-field changes written to the audit log."""

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.utils.translation import gettext

from sangsaeng.accounts.models import User
from sangsaeng.agreements.access import readable_agreement
from sangsaeng.orgs.models import Agreement
from sangsaeng.plans.services import in_record_language


class EditConflict(Exception):
    """The record changed since the form was opened; nothing was saved."""

    def __init__(self, changes: list[dict[str, Any]]) -> None:
        self.changes = changes
        super().__init__("edit conflict")

    @property
    def message(self) -> str:
        return gettext(
            "다른 사용자가 이 기록을 먼저 수정했습니다. 아래에서 바뀐 내용을 확인하고, 입력하신 내용으로 "
            "덮어쓰려면 다시 저장하세요. 입력하신 내용은 그대로 남아 있습니다."
        )


def check_revision(*, current: int, base: int | None, changes: list[dict[str, Any]]) -> None:
    """Refuse a save whose form started from an older revision (`base` None: a new record)."""
    if base is not None and base != current:
        raise EditConflict(changes)


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(sorted(str(v) for v in value))
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def changes_between(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """[{path, label, before, after}] for each field whose value differs (the audit log's shape)."""
    out = []
    # Labels are written in the record's language, whichever language the editor's screen speaks.
    with in_record_language():
        for name, label in labels.items():
            old, new = _plain(before.get(name)), _plain(after.get(name))
            if old != new and not (old in (None, "") and new in (None, "")):
                out.append({"path": name, "label": str(label), "before": old, "after": new})
    return out


class _Row(Protocol):
    pk: Any


def kept_links[Row: _Row](*, current: Iterable[Row], offered: set[int], chosen: Iterable[Row]) -> list[Row]:
    """The links of a record after an edit: those the editor was not offered (they may not see them)
    stay as they were; of the offered ones, what the editor chose. A form that can only list what its
    user sees must not unlink the rest."""
    kept = [row for row in current if row.pk not in offered]
    ids = {row.pk for row in kept}
    return kept + [row for row in chosen if row.pk not in ids]


def kept_agreement(*, actor: User, current_id: int | None, chosen: Agreement | None) -> Agreement | None:
    """The agreement of a record after an edit: one the editor may not read stays linked (their form
    could not offer it); otherwise the editor's choice."""
    if current_id is None or not agreement_hidden(actor, current_id):
        return chosen
    return Agreement.objects.get(pk=current_id)


def agreement_hidden(user: User, agreement_id: int | None) -> bool:
    """Whether a record links an agreement `user` may not read (one query; none without a link)."""
    return agreement_id is not None and readable_agreement(user, agreement_id) is None
