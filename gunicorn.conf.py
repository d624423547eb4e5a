"""gunicorn in production, behind the reverse proxy that terminates TLS and buffers slow clients:

    SANGSAENG_ENV=production ... gunicorn -c gunicorn.conf.py sangsaeng.wsgi:application

Command-line flags override these values (`sangsaeng bench load` passes its own --workers, --bind).
"""

import os

# The pages are CPU-bound (ORM and templates): one sync worker per CPU kept 8 concurrent clients
# balanced, where gthread workers contended for the GIL and held keep-alive connections unevenly
# (bench/results/FINDINGS.md).
try:
    _cpus = len(os.sched_getaffinity(0))  # the CPUs this container may use, not the host's
except AttributeError:  # pragma: no cover - not Linux
    _cpus = os.cpu_count() or 1

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", _cpus))
worker_class = "sync"
threads = 1

# A request taking longer than this is stuck: the worker is killed and replaced.
timeout = 30
graceful_timeout = 30
# Sync workers close each connection after its response; the proxy keeps its own to the clients.
keepalive = 2
# Heartbeat files in memory: a slow disk must not make the arbiter kill healthy workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108  # nosec B108

# Both logs to stdout/stderr for the process manager. GUNICORN_ACCESS_LOG=off turns the access log
# off (the load benchmark does, so that a log line per request is not part of what it measures).
_access = os.environ.get("GUNICORN_ACCESS_LOG", "-")
accesslog = None if _access in ("", "off") else _access
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy runs on this host and sets X-Forwarded-Proto / X-Forwarded-For.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
