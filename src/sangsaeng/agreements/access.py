"""Who reads and writes the cooperation records (agreements here; exchanges and events use the same
rule through `org_scope`), and the only way views fetch an agreement.

- Read: users of a party government, coordinators of any plan of a party government (they act for it),
  auditors and system administrators.
- Write: coordinators of any plan of a party government (plans.Plan.coordinators), and administrators.
Anyone else gets 404, so not even the existence of an agreement between other governments leaks.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from sangsaeng.accounts.models import Kind, User
from sangsaeng.orgs.models import Agreement, Organization


@dataclass(frozen=True)
class OrgScope:
    """The governments a user reads and writes for; `everything` for administrators (and, for reading,
    auditors)."""

    read_all: bool
    write_all: bool
    read: frozenset[int]
    write: frozenset[int]

    def reads(self, org_ids: set[int]) -> bool:
        return self.read_all or bool(self.read & org_ids)

    def writes(self, org_ids: set[int]) -> bool:
        return self.write_all or bool(self.write & org_ids)


def org_scope(user: User) -> OrgScope:
    if not user.is_authenticated or not user.is_active:
        return OrgScope(False, False, frozenset(), frozenset())
    coordinated = frozenset(
        Organization.objects.filter(plans__coordinators=user).values_list("pk", flat=True).distinct()
    )
    own = frozenset([user.organization_id]) if user.organization_id else frozenset()
    return OrgScope(
        read_all=user.is_superuser or user.kind == Kind.AUDITOR,
        write_all=user.is_superuser,
        read=own | coordinated,
        write=coordinated,
    )


def writable_organizations(user: User) -> QuerySet[Organization]:
    """The governments this user may record agreements, events and exchanges for."""
    scope = org_scope(user)
    if scope.write_all:
        return Organization.objects.all()
    return Organization.objects.filter(pk__in=scope.write)


def require_writer(user: User) -> OrgScope:
    """For the 'new' pages: only those who write for some government may open them."""
    scope = org_scope(user)
    if not scope.write_all and not scope.write:
        raise PermissionDenied(gettext("협약·교류 기록은 총괄 담당자만 등록할 수 있습니다."))
    return scope


def visible_agreements(user: User) -> QuerySet[Agreement]:
    scope = org_scope(user)
    if scope.read_all:
        return Agreement.objects.all()
    parties = Agreement.parties.through.objects.filter(organization_id__in=scope.read)
    return Agreement.objects.filter(pk__in=parties.values("agreement_id"))


def readable_agreement(user: User, agreement_id: int | None) -> Agreement | None:
    """The agreement a record links, when `user` may read it; otherwise None, so a page of an event or
    an exchange shows no link rather than a title that is not theirs to see (and no 404: the record
    itself is theirs)."""
    if agreement_id is None:
        return None
    return visible_agreements(user).filter(pk=agreement_id).first()


def party_ids(agreement: Agreement) -> set[int]:
    return set(agreement.parties.values_list("pk", flat=True))


def can_write_agreement(user: User, agreement: Agreement) -> bool:
    return org_scope(user).writes(party_ids(agreement))


def access_agreement(user: User, agreement_id: int, *, write: bool = False) -> Agreement:
    agreement = visible_agreements(user).filter(pk=agreement_id).first()
    if agreement is None:
        raise Http404(gettext("협약을 찾을 수 없습니다."))
    if write and not can_write_agreement(user, agreement):
        raise PermissionDenied(
            gettext("이 협약을 수정할 권한이 없습니다. 당사자 기관의 총괄 담당자에게 요청하세요.")
        )
    return agreement


def access_organization(user: User, org_id: int) -> Organization:
    """A government's cooperation page: its own users, those who act for it, auditors, administrators."""
    org = Organization.objects.filter(pk=org_id).first()
    if org is None or not org_scope(user).reads({org.pk}):
        raise Http404(gettext("기관을 찾을 수 없습니다."))
    return org
