"""Serve the app with its background task worker beside it, for a single machine."""

# Starts our own worker with a fixed argv.
import subprocess  # nosec B404
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "앱과 백그라운드 작업 처리기를 함께 실행합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="작업 처리기 없이 실행")

    def handle(self, *args: Any, host: str, port: int, no_worker: bool, **options: Any) -> None:
        worker = None
        if not no_worker:
            # The worker runs the queued background tasks (documents, imports, reminders).
            worker = subprocess.Popen([sys.executable, "-m", "sangsaeng.cli", "db_worker"])  # nosec B603
        try:
            self.stdout.write(f"상생: http://{host}:{port}/ 에서 서비스합니다. 멈추려면 Ctrl+C.")
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
