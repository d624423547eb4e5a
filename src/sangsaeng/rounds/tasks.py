"""Background jobs (django.tasks; the database backend's worker runs them beside the app)."""

from django.tasks import task

from sangsaeng.rounds import reminders


@task()
def send_round_opened(round_id: int) -> int:
    return reminders.deliver_round_opened(round_id)


@task()
def send_update_returned(update_id: int, count: int) -> int:
    return reminders.deliver_update_returned(update_id, count)


@task()
def scan_reminders() -> dict[str, int]:
    """Due-soon and overdue reminders; enqueued periodically by `sangsaeng serve`, or run by cron."""
    return reminders.deliver_due_reminders()
