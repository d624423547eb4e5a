"""Measure the proposed changes before making them: the same load run, against a patched copy of the app.

    .venv/bin/python bench/whatif/run.py [--changes state,urls,bullets,plan] [--pages card,plan]

The patches live in whatif_wsgi.py (Python) and in template copies made here from the project's current
templates (each replacement is checked to still apply). Results go to bench/results/whatif/.
"""

import argparse
import os
import subprocess  # nosec B404
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TEMPLATES = ROOT / "src" / "sangsaeng" / "templates"

# change → {template: [(old, new), ...]}
EDITS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "urls": {
        "plans/card/_activities.html": [
            ("{% url 'plans:part' task.pk a.part %}", "{{ part_prefix }}{{ a.part }}/"),
            ("{% url 'plans:part_delete' task.pk a.part %}", "{{ part_prefix }}{{ a.part }}/delete/"),
        ],
        "plans/card/_indicators.html": [
            ("{% url 'plans:part' task.pk ind.part %}", "{{ part_prefix }}{{ ind.part }}/")
        ],
        "plans/card/_edit_button.html": [
            ("{% url 'plans:part' task.pk part %}", "{{ part_prefix }}{{ part }}/")
        ],
    },
    "bullets": {
        "plans/card/_activities.html": [
            (
                '{% include "plans/_bullets.html" with tree=a.details sub=True %}',
                "{{ a.details|bullets_html }}",
            )
        ],
        "plans/card/_text_section.html": [
            ('{% include "plans/_bullets.html" %}', "{{ tree|bullets_html_top }}")
        ],
    },
    "plan": {
        "plans/plan_detail.html": [
            ("{% url 'plans:task' t.pk %}", "/tasks/{{ t.pk }}/"),
            (
                "{% for org in t.partners.all %}{{ org.short_name }}{% if not forloop.last %}·{% endif %}"
                "{% empty %}-{% endfor %}",
                '{{ t.partner_names|join:"·"|default:"-" }}',
            ),
        ]
    },
}


def write_templates(changes: list[str], out: Path) -> None:
    edited: dict[str, str] = {}
    for change in changes:
        for name, replacements in EDITS.get(change, {}).items():
            text = edited.get(name) or (TEMPLATES / name).read_text()
            for old, new in replacements:
                if old not in text:
                    raise SystemExit(f"{name}: the template changed; update bench/whatif/run.py ({old!r})")
                text = text.replace(old, new)
            edited[name] = text
    for name, text in edited.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", default="state,urls,bullets,plan")
    parser.add_argument("--pages", default="floor,auth,plans,plan,card,history")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "whatif")
    args = parser.parse_args()
    changes = [c for c in args.changes.split(",") if c]

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangsaeng.settings")
    import django

    django.setup()
    from sangsaeng.bench import load

    with tempfile.TemporaryDirectory() as tmp:
        write_templates(changes, Path(tmp))

        class WhatIf(load.Runner):
            def start_server(self, port: int, log: Path) -> "subprocess.Popen[bytes]":
                env = self.production_env() | {
                    "PYTHONPATH": str(HERE),
                    "WHATIF_TEMPLATES": tmp,
                    "WHATIF_CHANGES": ",".join(changes),
                }
                subprocess.run(  # noqa: S603  # nosec B603
                    [self.python, "-m", "sangsaeng.cli", "collectstatic", "--noinput", "-v", "0"],
                    env=env,
                    check=True,
                )
                cmd = [
                    self.python, "-m", "gunicorn", "whatif_wsgi:application", "--chdir", str(HERE),
                    "--bind", f"{load.HOST}:{port}", "--workers", str(self.o.workers), "--threads", "1",
                    "--error-logfile", str(log), "--log-level", "warning",
                ]  # fmt: skip
                self.say(f"what-if gunicorn: {', '.join(changes)}")
                return subprocess.Popen(cmd, env=env, start_new_session=True)  # noqa: S603  # nosec B603

        options = load.Options(
            demo_database_url=None, out=args.out, pages=args.pages.split(","), quiet_wait=180
        )
        report: dict[str, Any] = WhatIf(options, print).run()
        report["whatif_changes"] = changes
        WhatIf(options, lambda _m: None).write(report)
        for md in args.out.glob(f"{report['date'][:10]}-*.md"):
            note = (
                f"> What-if run: the app patched with {', '.join(changes)} (bench/whatif), not the product; "
                "the query counts are the unpatched app's.\n"
            )
            if not md.read_text().startswith("> What-if"):
                md.write_text(note + "\n" + md.read_text())


if __name__ == "__main__":
    sys.exit(main())
