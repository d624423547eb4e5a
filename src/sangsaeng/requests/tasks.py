"""Background jobs of the requests (django.tasks; the database backend's worker runs them)."""

from django.tasks import task

from sangsaeng.requests import reminders, services


@task()
def scan_request_reminders() -> dict[str, int]:
    """Overdue reminders and 30-day progress notices, and the citizens' contacts due for deletion; queue
    it periodically (see the README) or run `sangsaeng manage request_reminders` from cron."""
    counts = reminders.deliver_request_reminders()
    counts["purged"] = services.citizen_contacts_purge()
    return counts
