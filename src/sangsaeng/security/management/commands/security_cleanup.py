"""Delete what sign-in security no longer needs. Safe to run twice, or from cron every hour."""

from typing import Any

from django.core.management.base import BaseCommand

from sangsaeng.security import services


class Command(BaseCommand):
    help = "오래된 로그인 실패 기록, 끝난 세션 목록, 마치지 않은 2단계 인증 설정을 지웁니다."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = services.cleanup()
        self.stdout.write(
            f"로그인 실패 {counts['failures']}건, 세션 {counts['sessions']}개, "
            f"미완료 인증 앱 {counts['devices']}개를 지웠습니다."
        )
