"""Serve the app with its background task worker beside it, for a single machine."""

# Starts our own worker with a fixed argv.
import logging
import subprocess  # nosec B404
import sys
import threading
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection


class Command(BaseCommand):
    help = "앱과 백그라운드 작업 처리기를 함께 실행합니다."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="작업 처리기 없이 실행")

    def handle(self, *args: Any, host: str, port: int, no_worker: bool, **options: Any) -> None:
        worker = None
        if not no_worker:
            # The worker runs the queued background tasks (documents, imports, reminders). No reloader: the
            # server beside it has none either, and a reloader doubles the worker's processes and lines.
            argv = [sys.executable, "-m", "sangsaeng.cli", "db_worker", "--no-reload"]
            worker = subprocess.Popen(argv)  # noqa: S603  # nosec B603
        stop = threading.Event()
        if worker is not None and settings.REMINDER_SCAN_SECONDS > 0:
            threading.Thread(target=_queue_reminder_scans, args=(stop,), daemon=True).start()
        try:
            self.stdout.write(f"상생: http://{host}:{port}/ 에서 서비스합니다. 멈추려면 Ctrl+C.")
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        finally:
            stop.set()
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)


def _queue_reminder_scans(stop: threading.Event) -> None:
    """Queue the due-soon/overdue reminder scan now and then every REMINDER_SCAN_SECONDS; the worker runs
    it (it sends each reminder once, so a scan too many is harmless). Elsewhere, cron runs
    `sangsaeng reminders` and `sangsaeng manage request_reminders`."""
    from sangsaeng.requests.tasks import scan_request_reminders
    from sangsaeng.rounds.tasks import scan_reminders

    while True:
        try:
            scan_reminders.enqueue()
            scan_request_reminders.enqueue()
        except Exception:  # a busy database now must not end the reminders for good
            logging.getLogger(__name__).exception("could not queue the reminder scan")
        finally:
            # This thread sleeps for long: do not hold a database connection meanwhile.
            connection.close()
        if stop.wait(settings.REMINDER_SCAN_SECONDS):
            return
