"""Permission-checked getters for people, departments and invitations.

Who manages whom: a system administrator manages every government; a plan's coordinator manages the
governments taking part in the plans they coordinate. Everyone else manages nobody. An object outside
the user's reach answers 404, so its existence does not leak.
"""

from django.db.models import QuerySet
from django.http import Http404

from sangsaeng.accounts.models import Invitation, User
from sangsaeng.orgs.models import Department, Organization


def managed_organizations(user: User) -> QuerySet[Organization]:
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(plans__coordinators=user).distinct()


def can_manage_people(user: User) -> bool:
    return bool(user.is_authenticated and user.manages_people)


def access_organization(user: User, organization_id: int) -> Organization:
    org = managed_organizations(user).filter(pk=organization_id).first()
    if org is None:
        raise Http404("기관을 찾을 수 없습니다.")
    return org


def access_department(user: User, department_id: int) -> Department:
    dept = (
        Department.objects.select_related("organization", "parent")
        .filter(pk=department_id, organization__in=managed_organizations(user))
        .first()
    )
    if dept is None:
        raise Http404("부서를 찾을 수 없습니다.")
    return dept


def access_person(user: User, person_id: int) -> User:
    person = (
        User.objects.select_related("organization", "department")
        .filter(pk=person_id, organization__in=managed_organizations(user))
        .first()
    )
    if person is None:
        raise Http404("사용자를 찾을 수 없습니다.")
    return person


def access_invitation(user: User, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organization", "department", "plan", "invited_by")
        .filter(pk=invitation_id, organization__in=managed_organizations(user))
        .first()
    )
    if invitation is None:
        raise Http404("초대를 찾을 수 없습니다.")
    return invitation
