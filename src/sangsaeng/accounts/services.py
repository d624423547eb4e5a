"""Writes about people: invitations, accounts, departments. Each is atomic and audited."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangsaeng.accounts.access import managed_organizations
from sangsaeng.accounts.models import Invitation, InviteRole, Kind, User
from sangsaeng.audit.services import log_event
from sangsaeng.orgs.models import Department, Organization
from sangsaeng.plans.models import Plan

# Roles a coordinator may hand out; auditors and administrators are appointed by an administrator.
COORDINATOR_GRANTABLE = {InviteRole.OFFICER, InviteRole.COORDINATOR, InviteRole.PARTNER, InviteRole.COMMITTEE}


def _check_invite(
    *,
    actor: User,
    organization: Organization,
    department: Department | None,
    role: str,
    plan: Plan | None,
) -> None:
    if not managed_organizations(actor).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("이 기관의 사용자를 초대할 권한이 없습니다."))
    if not actor.is_superuser and role not in COORDINATOR_GRANTABLE:
        raise PermissionDenied(_("감사 담당자는 시스템 관리자만 초대할 수 있습니다."))
    errors: dict[str, str] = {}
    if department is not None and department.organization_id != organization.pk:
        errors["department"] = _("선택한 부서가 소속 기관에 속하지 않습니다.")
    if role in (InviteRole.COORDINATOR, InviteRole.COMMITTEE):
        if plan is None:
            errors["plan"] = _("총괄 담당자와 위원은 계획을 지정해야 합니다.")
        elif not actor.is_superuser and not plan.coordinators.filter(pk=actor.pk).exists():
            errors["plan"] = _("총괄 담당하는 계획만 지정할 수 있습니다.")
    if role == InviteRole.OFFICER and department is None:
        errors["department"] = _("부서 담당자는 소속 부서를 지정해야 합니다.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def invite(
    *,
    actor: User,
    email: str,
    name: str,
    organization: Organization,
    department: Department | None,
    role: str,
    plan: Plan | None,
    accept_url: str,
) -> Invitation:
    """Create an invitation and e-mail its one-time link. `accept_url` has a `{token}` slot."""
    _check_invite(actor=actor, organization=organization, department=department, role=role, plan=plan)
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError({"email": _("이 이메일로 이미 가입한 사용자가 있습니다.")})
    Invitation.objects.pending().filter(email__iexact=email, organization=organization).update(
        revoked_at=timezone.now()
    )
    token, token_hash = Invitation.new_token()
    invitation = Invitation.objects.create(
        email=email,
        name=name,
        organization=organization,
        department=department,
        role=role,
        plan=plan if role in (InviteRole.COORDINATOR, InviteRole.COMMITTEE) else None,
        token_hash=token_hash,
        invited_by=actor,
        expires_at=timezone.now() + Invitation.lifetime(),
    )
    log_event(
        actor=actor,
        action="invite",
        summary=_("%(email)s 초대 (%(role)s, %(org)s)")
        % {"email": email, "role": invitation.get_role_display(), "org": organization.short_name},
        plan=invitation.plan,
    )
    link = accept_url.format(token=token)
    days = Invitation.lifetime().days
    # Sent after commit: a rolled-back invitation must not leave a working-looking link in a mailbox.
    transaction.on_commit(
        lambda: send_mail(
            subject=_("[상생] %(org)s 협력과제 관리 시스템에 초대되었습니다")
            % {"org": organization.short_name},
            message=_(
                "%(inviter)s님이 상생 협력과제 관리 시스템에 초대했습니다.\n\n"
                "아래 주소에서 %(days)s일 안에 계정을 만드세요. 한 번만 쓸 수 있습니다.\n%(link)s\n\n"
                "초대를 요청하지 않았다면 이 메일을 무시하세요."
            )
            % {"inviter": actor.display_name, "days": days, "link": link},
            from_email=None,
            recipient_list=[email],
        )
    )
    return invitation


@transaction.atomic
def revoke_invitation(*, actor: User, invitation: Invitation) -> None:
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("이미 처리된 초대는 취소할 수 없습니다."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log_event(
        actor=actor, action="invite_revoke", summary=_("%(email)s 초대 취소") % {"email": invitation.email}
    )


def usable_invitation(token: str) -> Invitation:
    """The invitation a link names, or a Korean explanation of why it cannot be used."""
    invitation = Invitation.by_token(token)
    if invitation is None:
        raise ValidationError(_("초대 주소가 올바르지 않습니다. 받은 메일의 주소 전체를 확인하세요."))
    if invitation.accepted_at:
        raise ValidationError(_("이미 사용한 초대입니다. 만든 계정으로 로그인하세요."))
    if invitation.revoked_at:
        raise ValidationError(_("취소된 초대입니다. 초대한 담당자에게 다시 요청하세요."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(_("기한이 지난 초대입니다. 초대한 담당자에게 다시 요청하세요."))
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, username: str, name: str, phone: str, password: str) -> User:
    # Locked so that one link cannot create two accounts when clicked twice at once.
    invitation = usable_invitation(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    usable_invitation(token)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("이미 쓰이는 아이디입니다. 다른 아이디를 정하세요.")})
    role = invitation.role
    user = User(
        username=username,
        name=name,
        phone=phone,
        email=invitation.email,
        organization=invitation.organization,
        department=invitation.department,
        kind=role if role in Kind.values else Kind.OFFICER,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    if role == InviteRole.COORDINATOR and invitation.plan:
        invitation.plan.coordinators.add(user)
    if role == InviteRole.COMMITTEE and invitation.plan:
        user.committee_plans.add(invitation.plan)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    log_event(
        actor=user,
        action="invite_accept",
        summary=_("%(name)s 가입 (%(email)s 초대)") % {"name": user.display_name, "email": invitation.email},
        plan=invitation.plan,
    )
    return user


@transaction.atomic
def create_department(
    *, actor: User, organization: Organization, name: str, parent: Department | None, level: str
) -> Department:
    if not managed_organizations(actor).filter(pk=organization.pk).exists():
        raise PermissionDenied(_("이 기관의 부서를 관리할 권한이 없습니다."))
    if parent is not None and parent.organization_id != organization.pk:
        raise ValidationError({"parent": _("상위 부서가 같은 기관에 속하지 않습니다.")})
    name = name.strip()
    if Department.objects.filter(organization=organization, parent=parent, name=name).exists():
        raise ValidationError({"name": _("같은 이름의 부서가 이미 있습니다.")})
    dept = Department.objects.create(organization=organization, name=name, parent=parent, level=level)
    log_event(actor=actor, action="department_create", summary=_("부서 신설: %(dept)s") % {"dept": dept})
    return dept


def handover_preview(*, leaving: User) -> dict[str, list[str]]:
    """What a hand-over would move, for the confirmation page."""
    from sangsaeng.plans.models import Contact

    contacts = Contact.objects.filter(user=leaving).select_related("task").order_by("task__sort_key")
    return {
        "plans": [p.title for p in leaving.coordinated_plans.order_by("title")],
        "cards": [f"{c.task.code} {c.task.title}" for c in contacts],
    }


@transaction.atomic
def hand_over(*, actor: User, leaving: User, successor: User, note: str) -> str:
    """An official leaves: their plans and card contact lines pass to a successor, the account stops.

    Card contact lines change through `editing_card`, so each card's history shows the hand-over.
    """
    from sangsaeng.plans.models import Contact
    from sangsaeng.plans.services import editing_card

    if successor.pk == leaving.pk or successor.organization_id != leaving.organization_id:
        raise ValidationError({"successor": _("같은 기관의 다른 사용자에게만 인계할 수 있습니다.")})
    if not successor.is_active:
        raise ValidationError({"successor": _("사용이 중지된 계정에는 인계할 수 없습니다.")})
    if (
        leaving.organization_id is None
        or not managed_organizations(actor).filter(pk=leaving.organization_id).exists()
    ):
        raise PermissionDenied(_("이 기관의 사용자를 관리할 권한이 없습니다."))
    plans = list(leaving.coordinated_plans.all())
    for plan in plans:
        plan.coordinators.remove(leaving)
        plan.coordinators.add(successor)
    summary = _("업무 인계: %(leaving)s → %(successor)s") % {
        "leaving": leaving.display_name,
        "successor": successor.display_name,
    }
    task_ids = list(Contact.objects.filter(user=leaving).values_list("task_id", flat=True).distinct())
    for task_id in task_ids:
        with editing_card(task_id=task_id, actor=actor, action="handover", summary=summary):
            Contact.objects.filter(task_id=task_id, user=leaving).update(
                user=successor, name=successor.display_name, phone=successor.phone
            )
    leaving.is_active = False
    leaving.save(update_fields=["is_active"])
    log_event(actor=actor, action="handover", summary=f"{summary} {note}".strip())
    return _("계획 %(plans)d건, 관리카드 %(cards)d건") % {"plans": len(plans), "cards": len(task_ids)}
