"""Background jobs of the requests (django.tasks; the database backend's worker runs them)."""

from django.tasks import task

from sangsaeng.requests import reminders


@task()
def scan_request_reminders() -> dict[str, int]:
    """Overdue reminders and 30-day progress notices; queue it periodically (see the README) or run
    `sangsaeng manage request_reminders` from cron."""
    return reminders.deliver_request_reminders()
