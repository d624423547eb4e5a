"""The `sangsaeng` command: the product's own verbs, and every Django management command besides.

sangsaeng serve [--port 8000]     the app and its task worker, on SQLite by default
sangsaeng demo [--if-empty]       load the demo data
sangsaeng card show 10-4 [--plan 대구] [--json]
sangsaeng check                   the arithmetic flags across all plans
sangsaeng documents cleanup       remove generated booklets past their keeping time (safe to repeat)
sangsaeng bench booklet           time the booklet PDF of 112 cards (writes bench/results/booklet-*.md)
sangsaeng bench xlsx              time the Excel export (100,000 rows) and import (10,000 rows)
sangsaeng card export 10-4 --format pdf|hwpx|xlsx -o FILE
sangsaeng plan export <plan> --format pdf|hwpx|xlsx -o FILE     the booklet, or the plan's workbook
sangsaeng plan import <plan> FILE [--dry-run] [--user USERNAME] a workbook back, all or nothing
sangsaeng reminders               due-soon and overdue reminders of open rounds (cron; safe to repeat)
sangsaeng manage <command> ...    any Django management command
"""

import os
import sys

# Product verbs that differ in name from their management command.
ALIASES = {"check": "check_figures"}
# Two-word verbs whose management command lives in another app.
SUBCOMMANDS = {("bench", "xlsx"): "bench_xlsx"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangsaeng.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(__doc__)
        return
    from django.core.management import execute_from_command_line

    if args[0] == "manage":
        args = args[1:]
    elif tuple(args[:2]) in SUBCOMMANDS:
        args = [SUBCOMMANDS[(args[0], args[1])], *args[2:]]
    else:
        args[0] = ALIASES.get(args[0], args[0])
    execute_from_command_line(["sangsaeng", *args])


if __name__ == "__main__":
    main()
