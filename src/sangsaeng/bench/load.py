"""`sangsaeng bench load`: the app as production runs it, driven by wrk on loopback.

1. The database (PostgreSQL by default, `sangsaeng_bench`) is created if missing and migrated; if it
   holds no plan it is seeded (`bench seed --scale national`).
2. SQL queries per page are counted in-process (Django test Client + CaptureQueriesContext) against
   that database and against a fresh demo database (`sangsaeng demo`), in subprocesses.
3. `collectstatic`, then gunicorn from this virtualenv with the repository's gunicorn.conf.py (this
   run's flags override it), SANGSAENG_ENV=production, DEBUG off, a generated SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1, bound to 127.0.0.1 only.
4. A coordinator logs in through the login form; every page is checked to answer 200 with that
   session; each page is warmed, then wrk drives it at 1 and at 8 connections for a fixed duration.
   wrk sends `X-Forwarded-Proto: https` as the reverse proxy in front of production does (production
   redirects plain HTTP and marks its cookies Secure).
5. The results go to bench/results/<date>-<db>-<scale>.json and .md; gunicorn is stopped in every case.

Every request goes to 127.0.0.1; a target anywhere else is refused before anything starts.
"""

import datetime as dt
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket

# Runs our own interpreter, gunicorn and wrk with argument lists, never through a shell.
import subprocess  # nosec B404
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from django.conf import settings

from sangsaeng.bench.measure import PAGES, expected_status
from sangsaeng.demo.extras import DEMO_PLANS

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sangsaeng_bench"
DEFAULT_DEMO_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sangsaeng_bench_demo"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
HOST = "127.0.0.1"
P95_GOAL_MS = 150.0
FLOOR_RATIO_GOAL = 3.0

# wrk reports its own percentiles through this script, with the count of answers other than the
# expected status (the script's argument, 200 unless given): wrk itself only counts statuses ≥ 400 as
# errors, so a redirect to the login page would pass unnoticed.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non200 = 0; expected = tonumber(args[1]) or 200 end
function response(status, headers, body) if status ~= expected then non200 = non200 + 1 end end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non200") or 0) end
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"non200":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p95":%d,"p99":%d,"mean":%.1f,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes, bad,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end
"""


class LoadError(Exception):
    """The run cannot go on; the message says why."""


@dataclass
class Options:
    database_url: str = DEFAULT_DATABASE_URL
    demo_database_url: str | None = DEFAULT_DEMO_DATABASE_URL
    scale: str = "national"
    duration: int = 10
    warmup: int = 2
    connections: Sequence[int] = (1, 8)
    workers: int = 2
    threads: int = 1  # sync workers: measured better than gthread here (bench/results/FINDINGS.md)
    pages: Sequence[str] = tuple(key for key, _ in PAGES)
    out: Path = field(default_factory=lambda: Path(settings.PROJECT_DIR) / "bench" / "results")
    var_dir: Path = field(default_factory=lambda: Path(settings.PROJECT_DIR) / "var" / "bench")
    password: str | None = None
    quiet_wait: int = 0  # seconds to wait for other processes to leave the CPUs before measuring
    retries: int = 2  # repeats of a run that other processes disturbed


def _host_of(url: str) -> str:
    parsed = urllib.parse.urlparse(url)
    return parsed.hostname or ""


def check_loopback(url: str) -> None:
    """Databases and the app must live on this machine: no traffic leaves 127.0.0.1."""
    if url.startswith("sqlite"):
        return
    host = _host_of(url)
    if host not in LOOPBACK:
        raise LoadError(f"{url}: 이 벤치마크는 127.0.0.1 의 데이터베이스에만 씁니다 (받은 주소: {host!r}).")


def ensure_postgres_database(url: str) -> bool:
    """Create the PostgreSQL database of `url` if it does not exist; True when it was created."""
    import psycopg
    from psycopg import sql

    parsed = urllib.parse.urlparse(url)
    name = parsed.path.lstrip("/")
    if not name:
        raise LoadError(f"{url}: 데이터베이스 이름이 없습니다.")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
QUIET_CORES = 0.25  # other processes using less than a quarter of a CPU count as a quiet machine


def cpu_times() -> dict[int, tuple[str, int, float]]:
    """CPU seconds used so far by every process: pid → (name, parent pid, seconds). Linux /proc only."""
    out: dict[int, tuple[str, int, float]] = {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else ():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        # fields[1] is the parent pid; utime and stime are fields 14-15 of stat (11-12 here).
        seconds = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        out[int(entry.name)] = (name, int(fields[1]), seconds)
    return out


def busy_seconds() -> float:
    """CPU seconds all CPUs have been busy since boot (from /proc/stat; 0 where there is none)."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in first[1:9])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


@dataclass
class CpuSample:
    busy: float
    table: dict[int, tuple[str, int, float]]

    @classmethod
    def now(cls) -> "CpuSample":
        return cls(busy_seconds(), cpu_times())


def descendants(root: int, table: dict[int, tuple[str, int, float]]) -> set[int]:
    found = {root}
    grew = True
    while grew:
        grew = False
        for pid, (_, parent, _) in table.items():
            if parent in found and pid not in found:
                found.add(pid)
                grew = True
    return found


@dataclass
class CpuShare:
    """How many CPUs other processes (not this run's server, load tool or database) kept busy."""

    others: float
    postgres: float


def cpu_share(
    before: CpuSample, after: CpuSample, mine: set[int], wall: float, reaped: float = 0.0
) -> CpuShare:
    """Other processes' share: all the CPUs' busy time, less ours and PostgreSQL's, per second.
    `reaped` is the CPU time of our children that ended meanwhile (the load tool)."""
    ours, postgres = reaped, 0.0
    for pid, (name, _, seconds) in after.table.items():
        used = seconds - before.table[pid][2] if pid in before.table else seconds
        if pid in mine:
            ours += used
        elif name == "postgres":
            postgres += used
    wall = max(wall, 1e-6)
    others = max(0.0, after.busy - before.busy - ours - postgres)
    return CpuShare(others=round(others / wall, 2), postgres=round(postgres / wall, 2))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class Runner:
    def __init__(self, options: Options, say: Callable[[str], None] = print) -> None:
        self.o = options
        self.say = say
        self.started = time.perf_counter()
        self.python = sys.executable
        self.loadavg_start = round(os.getloadavg()[0], 2)
        self.others_at_start = 0.0

    # ---------------------------------------------------------------- subprocesses

    def env(self, database_url: str, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")}
        env |= {
            "DATABASE_URL": database_url,
            "SANGSAENG_ENV": "development",
            "SANGSAENG_VAR_DIR": str(self.o.var_dir),
            "DJANGO_SETTINGS_MODULE": "sangsaeng.settings",
        }
        return env | extra

    def manage(self, database_url: str, *args: str, capture: bool = False, **extra: str) -> str:
        cmd = [self.python, "-m", "sangsaeng.cli", *args]
        result = subprocess.run(  # noqa: S603  # nosec B603
            cmd,
            env=self.env(database_url, **extra),
            stdout=subprocess.PIPE if capture else None,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LoadError(f"`sangsaeng {' '.join(args)}` 실패 (종료 코드 {result.returncode})")
        return result.stdout or ""

    def snapshot(self, database_url: str) -> dict[str, Any]:
        out = self.manage(database_url, "bench", "queries", capture=True)
        line = next((ln for ln in out.splitlines() if ln.startswith("{")), None)
        if line is None:
            raise LoadError(f"`bench queries` 가 결과를 내지 않았습니다:\n{out}")
        data: dict[str, Any] = json.loads(line)
        return data

    # ---------------------------------------------------------------- databases

    def prepare(self, url: str, *, demo: bool) -> dict[str, Any]:
        check_loopback(url)
        if url.startswith("postgres") and ensure_postgres_database(url):
            self.say(f"데이터베이스를 만들었습니다: {url}")
        self.manage(url, "migrate", "--noinput", "-v", "0")
        if demo:
            self.manage(url, "demo", "--if-empty", capture=True)
            snap = self.snapshot(url)
            if snap["counts"]["plans"] != DEMO_PLANS:
                raise LoadError(
                    f"{url} 은 시연 자료만 있는 데이터베이스가 아닙니다 (계획 {snap['counts']['plans']}건)."
                )
            return snap
        from sangsaeng.bench.seed import SCALES

        scale = SCALES[self.o.scale]
        existing = self.snapshot_or_none(url)
        if existing is not None:
            return existing
        self.say(f"계획이 없어 자료를 만듭니다: bench seed --scale {scale.name}")
        self.manage(url, "bench", "seed", "--scale", scale.name)
        return self.snapshot(url)

    def snapshot_or_none(self, url: str) -> dict[str, Any] | None:
        out = self.manage(url, "bench", "queries", "--if-data", capture=True)
        line = next((ln for ln in out.splitlines() if ln.startswith("{")), None)
        return json.loads(line) if line else None

    def others_now(self, seconds: float = 3.0) -> float:
        """CPUs kept busy by other processes over a short sample (nothing of ours runs then)."""
        before = CpuSample.now()
        time.sleep(seconds)
        return cpu_share(before, CpuSample.now(), {os.getpid()}, seconds).others

    def wait_for_quiet(self, budget: float) -> float:
        """Wait up to `budget` seconds until other processes leave the CPUs; returns their last share."""
        deadline = time.monotonic() + budget
        share = self.others_now()
        told = False
        while share > QUIET_CORES and time.monotonic() < deadline:
            if not told:
                self.say(f"  다른 프로세스가 CPU {share:.1f}개를 쓰고 있어 기다립니다 (최대 {budget:.0f}초)")
                told = True
            share = self.others_now()
        return share

    # ---------------------------------------------------------------- the server

    def production_env(self) -> dict[str, str]:
        return self.env(
            self.o.database_url,
            SANGSAENG_ENV="production",
            DEBUG="false",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS=HOST,
        )

    def start_server(self, port: int, log: Path) -> subprocess.Popen[bytes]:
        # The production configuration, with this run's flags on top (the command line wins); no access
        # log, so that writing a line per request is not part of what is measured.
        env = self.production_env() | {"GUNICORN_ACCESS_LOG": "off"}
        subprocess.run(  # noqa: S603  # nosec B603
            [self.python, "-m", "sangsaeng.cli", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
        )
        config = Path(settings.PROJECT_DIR) / "gunicorn.conf.py"
        cmd = [
            self.python,
            "-m",
            "gunicorn",
            "sangsaeng.wsgi:application",
            *(["--config", str(config)] if config.is_file() else []),
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(self.o.workers),
            "--worker-class",
            "gthread" if self.o.threads > 1 else "sync",
            "--threads",
            str(self.o.threads),
            "--error-logfile",
            str(log),
            "--log-level",
            "warning",
        ]
        self.say(f"gunicorn: 작업자 {self.o.workers}개 × 스레드 {self.o.threads}개, http://{HOST}:{port}")
        return subprocess.Popen(cmd, env=env, start_new_session=True)  # noqa: S603  # nosec B603

    def stop_server(self, server: subprocess.Popen[bytes]) -> None:
        if server.poll() is not None:
            return
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        self.say("gunicorn 을 멈췄습니다.")

    # ---------------------------------------------------------------- HTTP on loopback

    def http(
        self,
        port: int,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        body: str | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={"X-Forwarded-Proto": "https", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def wait_until_up(self, port: int, server: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise LoadError(f"gunicorn 이 시작하지 못했습니다 (종료 코드 {server.returncode}).")
            try:
                status, _, _ = self.http(port, "GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise LoadError("gunicorn 이 60초 안에 /healthz 에 답하지 않았습니다.")

    def login(self, port: int, username: str, password: str) -> str:
        """Log in through the form as a browser does; returns the session cookie's value."""
        status, headers, body = self.http(port, "GET", "/accounts/login/")
        if status != 200:
            raise LoadError(f"로그인 화면이 {status} 로 답했습니다.")
        jar: SimpleCookie = SimpleCookie()
        for value in headers.get_all("Set-Cookie") or []:
            jar.load(value)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if "csrftoken" not in jar or match is None:
            raise LoadError("로그인 화면에서 CSRF 토큰을 찾지 못했습니다.")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": match.group(1).decode()}
        )
        origin = f"https://{HOST}:{port}"
        status, headers, _ = self.http(
            port,
            "POST",
            "/accounts/login/",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={jar['csrftoken'].value}",
                "Origin": origin,
                "Referer": f"{origin}/accounts/login/",
            },
            body=form,
        )
        for value in headers.get_all("Set-Cookie") or []:
            jar.load(value)
        if status != 302 or "sessionid" not in jar:
            raise LoadError(f"{username} 로 로그인하지 못했습니다 (응답 {status}).")
        return jar["sessionid"].value

    # ---------------------------------------------------------------- wrk

    def wrk(
        self,
        port: int,
        path: str,
        connections: int,
        seconds: int,
        cookie: str,
        script: Path,
        expected: int = 200,
    ) -> dict[str, Any]:
        url = f"http://{HOST}:{port}{path}"
        if urllib.parse.urlparse(url).hostname != HOST:
            raise LoadError(f"{url}: 127.0.0.1 밖으로는 요청을 보내지 않습니다.")
        cmd = [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            "-H",
            f"Cookie: sessionid={cookie}",
            "-H",
            "X-Forwarded-Proto: https",
            url,
            "--",
            str(expected),
        ]
        result = subprocess.run(  # noqa: S603  # nosec B603
            cmd, capture_output=True, text=True, check=False, timeout=seconds + 60
        )
        line = next((ln for ln in result.stdout.splitlines() if ln.startswith("BENCHJSON ")), None)
        if result.returncode != 0 or line is None:
            raise LoadError(f"wrk 실패 ({result.returncode}): {result.stderr or result.stdout}")
        raw: dict[str, Any] = json.loads(line.removeprefix("BENCHJSON "))
        lat = raw["latency_us"]
        seconds_run = raw["duration_us"] / 1e6
        errors = sum(raw["errors"].values())
        return {
            "connections": connections,
            "seconds": round(seconds_run, 2),
            "requests": raw["requests"],
            "rps": round(raw["requests"] / seconds_run, 1) if seconds_run else 0.0,
            "p50_ms": round(lat["p50"] / 1000, 1),
            "p90_ms": round(lat["p90"] / 1000, 1),
            "p95_ms": round(lat["p95"] / 1000, 1),
            "p99_ms": round(lat["p99"] / 1000, 1),
            "mean_ms": round(lat["mean"] / 1000, 1),
            "max_ms": round(lat["max"] / 1000, 1),
            "non200": raw["non200"],
            "errors": errors,
            "kb_per_response": round(raw["bytes"] / max(1, raw["requests"]) / 1024, 1),
        }

    def measured_run(
        self,
        server: subprocess.Popen[bytes],
        port: int,
        path: str,
        connections: int,
        cookie: str,
        script: Path,
        key: str,
    ) -> dict[str, Any]:
        """One wrk run, with the CPU other processes used meanwhile. A run they disturbed (more than a
        quarter of a CPU) is repeated after the machine quietens, up to --retries times; the least
        disturbed run is kept, and every run says how disturbed it was."""
        best: dict[str, Any] | None = None
        for attempt in range(self.o.retries + 1):
            if attempt:
                self.wait_for_quiet(60)
            before = CpuSample.now()
            mine = descendants(server.pid, before.table) | {os.getpid()}
            started = time.monotonic()
            children = os.times()
            result = self.wrk(port, path, connections, self.o.duration, cookie, script, expected_status(key))
            done = os.times()
            after = CpuSample.now()
            mine |= descendants(server.pid, after.table)
            reaped = (done.children_user - children.children_user) + (
                done.children_system - children.children_system
            )
            share = cpu_share(before, after, mine, time.monotonic() - started, reaped)
            result["wrk_cpus"] = round(reaped / max(1e-6, time.monotonic() - started), 2)
            result |= {"other_cpus": share.others, "postgres_cpus": share.postgres, "attempt": attempt + 1}
            if best is None or share.others < best["other_cpus"]:
                best = result
            if share.others <= QUIET_CORES:
                break
            self.say(f"  (다른 프로세스가 CPU {share.others:.1f}개를 써서 다시 잽니다)")
        if best is None:  # pragma: no cover - the loop runs at least once
            raise LoadError("측정하지 못했습니다.")
        return best

    # ---------------------------------------------------------------- the run

    def password_for(self, username: str) -> str:
        if self.o.password:
            return self.o.password
        from sangsaeng.bench.seed import BENCH_PASSWORD
        from sangsaeng.demo.loader import USERS

        return next((u.password for u in USERS if u.username == username), BENCH_PASSWORD)

    def run(self) -> dict[str, Any]:
        if shutil.which("wrk") is None:
            raise LoadError("wrk 가 없습니다: apt-get install -y wrk")
        check_loopback(self.o.database_url)
        self.say(f"데이터베이스 준비: {self.o.database_url}")
        main = self.prepare(self.o.database_url, demo=False)
        demo = None
        if self.o.demo_database_url:
            self.say(f"시연 자료 데이터베이스 준비: {self.o.demo_database_url}")
            demo = self.prepare(self.o.demo_database_url, demo=True)
        targets = main["targets"]
        urls = {k: v for k, v in targets["urls"].items() if k in self.o.pages}
        self.say(
            f"대상: {targets['username']} · 계획 {targets['plan_id']} · 과제 {targets['task_label']} "
            f"(지표 {targets['indicators']}, 실적 {targets['activities']})"
        )
        self.o.var_dir.mkdir(parents=True, exist_ok=True)
        self.others_at_start = self.wait_for_quiet(self.o.quiet_wait)
        self.loadavg_start = round(os.getloadavg()[0], 2)
        port = free_port()
        log = self.o.var_dir / "gunicorn.log"
        runs: dict[str, dict[str, dict[str, Any]]] = {key: {} for key in urls}
        sizes: dict[str, int] = {}
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "report.lua"
            script.write_text(WRK_SCRIPT)
            server = self.start_server(port, log)
            try:
                self.wait_until_up(port, server)
                cookie = self.login(port, targets["username"], self.password_for(targets["username"]))
                for key, path in urls.items():
                    status, _, body = self.http(port, "GET", path, headers={"Cookie": f"sessionid={cookie}"})
                    if status != expected_status(key):
                        raise LoadError(f"{path}: 응답 {status} ({expected_status(key)}이어야 합니다)")
                    sizes[key] = len(body)
                self.say("예열 (페이지마다 8연결로 잠깐)")
                for key, path in urls.items():
                    self.wrk(
                        port,
                        path,
                        max(self.o.connections),
                        self.o.warmup,
                        cookie,
                        script,
                        expected_status(key),
                    )
                for c in self.o.connections:
                    for key, path in urls.items():
                        result = self.measured_run(server, port, path, c, cookie, script, key)
                        runs[key][str(c)] = result
                        self.say(progress_line(path, c, result))
            finally:
                self.stop_server(server)
        report = self.report(main, demo, urls, runs, sizes)
        self.write(report)
        return report

    def report(
        self,
        main: dict[str, Any],
        demo: dict[str, Any] | None,
        urls: dict[str, str],
        runs: dict[str, dict[str, dict[str, Any]]],
        sizes: dict[str, int],
    ) -> dict[str, Any]:
        labels = dict(PAGES)
        floor = runs.get("floor", {})
        pages = []
        for key, path in urls.items():
            entry: dict[str, Any] = {
                "key": key,
                "label": labels[key],
                "path": path,
                "bytes": sizes.get(key),
                "queries": main["queries"][key],
                "queries_demo": demo["queries"][key] if demo else None,
                "queries_compared": _compared(key, main, demo),
                "runs": runs[key],
                "p50_over_floor": {
                    c: round(r["p50_ms"] / floor[c]["p50_ms"], 2)
                    if c in floor and floor[c]["p50_ms"]
                    else None
                    for c, r in runs[key].items()
                },
            }
            pages.append(entry)
        most = str(max(self.o.connections))
        goals = []
        for page in pages:
            if page["key"] in ("floor", "auth"):
                continue
            run = page["runs"].get(most)
            if run:
                goals.append(
                    {
                        "page": page["key"],
                        "goal": f"p95 ≤ {P95_GOAL_MS:.0f} ms at {most} connections",
                        "value": run["p95_ms"],
                        "met": run["p95_ms"] <= P95_GOAL_MS and not run["non200"],
                    }
                )
            for c, ratio in page["p50_over_floor"].items():
                if ratio is not None:
                    goals.append(
                        {
                            "page": page["key"],
                            "goal": f"p50 ≤ {FLOOR_RATIO_GOAL:.0f}× floor at {c} connection(s)",
                            "value": ratio,
                            "met": ratio <= FLOOR_RATIO_GOAL,
                        }
                    )
            if page["queries_demo"] is not None:
                goals.append(
                    {
                        "page": page["key"],
                        "goal": "same query count at demo and national scale",
                        "value": f"{page['queries_demo']} → {page['queries_compared']}",
                        "met": page["queries_demo"] == page["queries_compared"],
                    }
                )
        seed = main.get("seed") or {}
        return {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "scale": seed.get("scale") or "custom",
            "seed_seconds": seed.get("seconds"),
            "database": main["database"],
            "counts": main["counts"],
            "demo": {
                "database": demo["database"],
                "counts": demo["counts"],
                "targets": demo["targets"],
                "card_shapes": demo.get("card_shapes"),
            }
            if demo
            else None,
            "targets": main["targets"],
            "card_shapes": main.get("card_shapes"),
            "server": {
                "command": "gunicorn -c gunicorn.conf.py sangsaeng.wsgi:application"
                if (Path(settings.PROJECT_DIR) / "gunicorn.conf.py").is_file()
                else "gunicorn sangsaeng.wsgi:application",
                "workers": self.o.workers,
                "threads": self.o.threads,
                "worker_class": "gthread" if self.o.threads > 1 else "sync",
                "env": (
                    "SANGSAENG_ENV=production, DEBUG=false, ALLOWED_HOSTS=127.0.0.1, X-Forwarded-Proto: https"
                ),
            },
            "load": {
                "tool": wrk_version(),
                "duration_s": self.o.duration,
                "warmup_s": self.o.warmup,
                "connections": list(self.o.connections),
                "threads": 1,
            },
            "machine": {  # other processes on the machine share its CPUs: see "loadavg"
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "django": _version("django"),
                "gunicorn": _version("gunicorn"),
            },
            "loadavg": {"start": self.loadavg_start, "end": round(os.getloadavg()[0], 2)},
            "other_cpus_at_start": self.others_at_start,
            "pages": pages,
            "goals": goals,
            "all_goals_met": all(g["met"] for g in goals),
            "elapsed_s": round(time.perf_counter() - self.started, 1),
        }

    def write(self, report: dict[str, Any]) -> None:
        self.o.out.mkdir(parents=True, exist_ok=True)
        day = report["date"][:10]
        vendor = report["database"]["vendor"]
        stem = f"{day}-{vendor}-{report['scale']}"
        (self.o.out / f"{stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        markdown = to_markdown(report)
        (self.o.out / f"{stem}.md").write_text(markdown)
        self.say("")
        self.say(markdown)
        self.say(f"결과: {self.o.out / stem}.json, .md")


def _compared(key: str, main: dict[str, Any], demo: dict[str, Any] | None) -> int:
    """The count to compare with the demo's: for the card, a card of the demo card's shape."""
    if key != "card" or demo is None:
        return int(main["queries"][key])
    same = (main.get("card_shapes") or {}).get(demo["targets"].get("shape"))
    return int(same["queries"]) if same else int(main["queries"][key])


def progress_line(path: str, connections: int, r: dict[str, Any]) -> str:
    bad = f"  비정상 응답 {r['non200']}" if r["non200"] else ""
    other = f"  (다른 프로세스 CPU {r['other_cpus']})" if r.get("other_cpus", 0) > QUIET_CORES else ""
    return (
        f"  {path:<28} c={connections}: {r['rps']:>7.1f} req/s  p50 {r['p50_ms']:>6.1f} ms  "
        f"p95 {r['p95_ms']:>6.1f} ms  p99 {r['p99_ms']:>6.1f} ms{bad}{other}"
    )


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def wrk_version() -> str:
    # wrk from PATH, as the user installed it (apt-get install wrk); a report built without it
    # (the tests) says so instead of failing.
    if shutil.which("wrk") is None:
        return "wrk (없음)"
    result = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)  # noqa: S607  # nosec B603 B607
    first = (result.stdout or result.stderr).strip().splitlines()
    return first[0].split(" Copyright")[0] if first else "wrk"


def _mb(size: int | None) -> str:
    return f"{size / 1024 / 1024:,.0f} MB" if size else "-"


def _busy(report: dict[str, Any]) -> list[str]:
    """How much of the machine other processes took: its CPUs are shared with them."""
    cpus = report["machine"]["cpus"] or 1
    runs = [(p["path"], c, r) for p in report["pages"] for c, r in p["runs"].items()]
    disturbed = [(path, c, r["other_cpus"]) for path, c, r in runs if r.get("other_cpus", 0) > QUIET_CORES]
    worst = max((r.get("other_cpus", 0) for _, _, r in runs), default=0)
    line = (
        f"- other processes on this {cpus}-CPU machine used up to {worst} CPUs during a run "
        f"({report.get('other_cpus_at_start', '-')} before the server started); each run is retried "
        "when they used more than a quarter of a CPU, and the least disturbed run is kept"
    )
    if disturbed:
        listed = ", ".join(f"{path} @{c} ({share})" for path, c, share in disturbed)
        line += f". **Still disturbed: {listed}: those latencies are inflated.**"
    return [line]


def to_markdown(report: dict[str, Any]) -> str:
    conns = [str(c) for c in report["load"]["connections"]]
    counts = report["counts"]
    db = report["database"]
    seed = f"{report['seed_seconds']:.0f} s" if report.get("seed_seconds") else "-"
    lines = [
        f"# Load benchmark {report['date'][:10]}: {db['version']}, scale `{report['scale']}`",
        "",
        f"- data: {counts['organizations']:,} organizations, {counts['departments']:,} departments, "
        f"{counts['plans']:,} plans, {counts['tasks']:,} tasks, "
        f"{counts['indicator_values']:,} indicator values, "
        f"{counts['budget_entries']:,} budget entries, {counts['activities']:,} activities, "
        f"{counts['audit_logs']:,} audit rows",
        f"- seed time: {seed}; database size: {_mb(db.get('size_bytes'))}",
        f"- server: gunicorn, {report['server']['workers']} workers × {report['server']['threads']} threads "
        f"({report['server']['worker_class']}), {report['server']['env']}",
        f"- load: {report['load']['tool']}, 1 thread, {report['load']['duration_s']} s per run after a "
        f"{report['load']['warmup_s']} s warm-up, on 127.0.0.1; machine: {report['machine']['cpus']} CPUs, "
        f"Python {report['machine']['python']}, Django {report['machine']['django']}",
        *_busy(report),
        f"- pages as `{report['targets']['username']}`; card: {report['targets']['task_label']} "
        f"({report['targets']['indicators']} indicators, {report['targets']['activities']} activities)",
        "",
    ]
    head = ["page", "queries (demo → here)", "KB"]
    for c in conns:
        head += [f"req/s @{c}", f"p50 @{c}", f"p95 @{c}", f"p99 @{c}", f"p50/floor @{c}"]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|")
    for page in report["pages"]:
        q = page["queries"]
        qd = page["queries_demo"]
        qc = page.get("queries_compared", q)
        queries = f"{qd} → {qc}" if qd is not None else str(q)
        if qd is not None and qc != q:
            queries += f" ({q} here: {report['targets'].get('shape', '')})"
        row = [
            f"{page['label']} `{page['path']}`",
            queries,
            f"{(page['bytes'] or 0) / 1024:.0f}",
        ]
        for c in conns:
            r = page["runs"].get(c)
            if r is None:
                row += ["-"] * 5
                continue
            ratio = page["p50_over_floor"].get(c)
            flag = f" ({r['non200']} unexpected)" if r["non200"] else ""
            row += [
                f"{r['rps']:.1f}{flag}",
                f"{r['p50_ms']:.1f} ms",
                f"{r['p95_ms']:.1f} ms",
                f"{r['p99_ms']:.1f} ms",
                f"{ratio:.1f}×" if ratio is not None else "-",
            ]
        lines.append("| " + " | ".join(row) + " |")
    shapes = report.get("card_shapes") or {}
    if shapes:
        demo_shape = ((report.get("demo") or {}).get("targets") or {}).get("shape")
        same = len({v["queries"] for v in shapes.values()}) == 1
        lines += [
            "",
            "SQL queries are counted in-process (Django test Client, CaptureQueriesContext) after a warm-up "
            "request. "
            + (
                "The card's count depends neither on its size nor on its shape: here "
                if same
                else "The card's count depends on its shape, not its size (a nested prefetch runs only when "
                "its parent collection has rows): here "
            )
            + "; ".join(f"{shape}: {v['queries']}" for shape, v in shapes.items())
            + (
                f". The demo's card ({demo_shape}) is compared with a card of the same shape."
                if demo_shape
                else "."
            ),
        ]
    lines += ["", "Goals:", ""]
    for g in report["goals"]:
        lines.append(f"- {'met' if g['met'] else '**MISSED**'}: {g['page']}: {g['goal']} ({g['value']})")
    lines.append("")
    return "\n".join(lines)


def main(options: Options, say: Callable[[str], None] = print) -> dict[str, Any]:
    return Runner(options, say).run()
