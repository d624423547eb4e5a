"""For a user who lost both their phone and their recovery codes: an administrator resets 2FA."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sangsaeng.accounts.models import User
from sangsaeng.security import services


class Command(BaseCommand):
    help = "사용자의 2단계 인증(인증 앱과 복구 코드)을 초기화하고 그 사용자의 모든 세션을 끝냅니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"사용자 {options['username']} 이(가) 없습니다.")
        services.disable_second_factor(user=user, actor=None, address=None)
        ended = services.end_other_sessions(user=user, current_key=None, address=None, reason="관리자 초기화")
        self.stdout.write(
            f"{user.username} 의 2단계 인증을 초기화하고 세션 {ended}개를 끝냈습니다. "
            "다음 로그인 때 다시 설정합니다."
        )
