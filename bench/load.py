"""A bounded load benchmark: gunicorn on PostgreSQL, a mixed workload from a coordinator's day.

    NIK_DATABASE_URL=postgres://... python bench/load.py --concurrency 1,8 --requests 2000

Run it on a database filled by ``bench/generate.py`` (``make bench``). It starts gunicorn on
loopback (``--workers``, ``--threads``), logs a coordinator in (a session and an API token made
here, as a login would), and sends the mix below from ``--concurrency`` client threads, each
waiting for its answer before the next request (a closed loop), until ``--requests`` are done
or ``--seconds`` have passed. It reports p50/p95/p99 per URL, throughput, each page's p95 as a
multiple of ``/healthz``'s, and the database queries and audit rows of one request of each kind
(counted in-process with Django's test client on the same database, before the load).

One run of a mix on a shared machine is one sample: ``--repeat N`` runs the levels N times, in
turn (1, 8, 1, 8, ...), and reports each URL's median p95 and the median of its per-run ratio to
``/healthz``. ``--out`` keeps the figures; ``--against`` an earlier run's ``--out`` (say, at
1,000 families) adds each URL's median p95 as a multiple of that run's.

Not a test and not in CI: the figures belong to a machine. docs/performance.md has the results
and the machine. It writes to the database (referrals, plan drafts, audit events, sessions):
use a generated database, never one with real families.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Request:
    name: str
    method: str
    path: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class World:
    """What the workload needs to know about the database, read once before the load."""

    slug: str
    family_ids: list[int]
    plan_drafts: list[tuple[int, int]]  # (family id, draft version), each posted once
    session: str
    csrf: str
    token: str
    families: int = 0


# The mix: (name, weight). Pages a coordinator opens most, the API a partner system calls, the
# public wegwijzer, and two writes.
MIX = [
    ("healthz", 10),
    ("start page", 10),
    ("family list", 12),
    ("api families", 10),
    ("referral list", 10),
    ("family record", 14),
    ("care plan", 10),
    ("fhir everything", 5),
    ("wegwijzer search", 10),
    ("POST api referral", 4),
    ("POST plan draft", 5),
]


def prepare(families_with_drafts: int) -> World:
    """Pick the region with the most families and its coordinator; log in; start plan drafts."""
    from django.db.models import Count
    from django.test import Client
    from django.utils.crypto import get_random_string

    from nik.careplans import actions as plan_actions
    from nik.careplans.models import CarePlan
    from nik.core.models import ApiToken, Membership, Region, Role

    region = Region.objects.annotate(n=Count("families")).order_by("-n").first()
    if region is None or not region.n:  # type: ignore[attr-defined]
        raise SystemExit("No families here: run `make bench` (bench/generate.py) first.")
    user = (
        Membership.objects.filter(region=region, role=Role.COORDINATOR)
        .select_related("user")
        .first()
        .user  # type: ignore[union-attr]
    )
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from allauth.mfa.utils import is_mfa_enabled

    if not is_mfa_enabled(user):
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    rng = random.Random(2014)
    ids = list(region.families.values_list("pk", flat=True))
    family_ids = rng.sample(ids, min(200, len(ids)))
    drafts = []
    plans = CarePlan.objects.filter(
        family_id__in=rng.sample(ids, min(families_with_drafts, len(ids)))
    )
    for plan in plans:
        draft = plan.draft() or plan_actions.do_start_evaluation(plan, acting_user=user)
        drafts.append((plan.family_id, draft.version))
    return World(
        slug=region.slug,
        family_ids=family_ids,
        plan_drafts=drafts,
        session=client.cookies["sessionid"].value,
        csrf=get_random_string(32),
        token=ApiToken.issue(user, label="bench/load.py"),
        families=len(ids),
    )


class Workload:
    """Makes the next request of the mix; thread-safe."""

    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.drafts = list(world.plan_drafts)
        self.referrals = 0
        self.names = [name for name, _ in MIX]
        self.weights = [weight for _, weight in MIX]

    def next(self) -> Request:
        with self.lock:
            name = self.rng.choices(self.names, self.weights)[0]
            family = self.rng.choice(self.world.family_ids)
            if name == "POST plan draft" and not self.drafts:
                name = "care plan"
            draft = self.drafts.pop() if name == "POST plan draft" else None
            self.referrals += name == "POST api referral"
            number = self.referrals
        return self.build(name, family, draft, number)

    def build(self, name: str, family: int, draft: tuple[int, int] | None, number: int) -> Request:
        w = self.world
        api = {"Authorization": f"Bearer {w.token}"}
        page = {"Cookie": f"sessionid={w.session}; csrftoken={w.csrf}"}
        if name == "healthz":
            return Request(name, "GET", "/healthz")
        if name == "start page":
            return Request(name, "GET", "/", headers=page)
        if name == "family list":
            return Request(name, "GET", "/families/", headers=page)
        if name == "api families":
            return Request(name, "GET", "/api/v1/families?limit=50", headers=api)
        if name == "referral list":
            return Request(name, "GET", f"/regions/{w.slug}/referrals/", headers=page)
        if name == "family record":
            return Request(name, "GET", f"/families/{family}/", headers=page)
        if name == "care plan":
            return Request(name, "GET", f"/families/{family}/plan/", headers=page)
        if name == "fhir everything":
            return Request(name, "GET", f"/fhir/r4/Patient/{family}/$everything", headers=api)
        if name == "wegwijzer search":
            query = urlencode({"q": "thuiszorg", "near": "Leiden", "age": "6"})
            return Request(name, "GET", f"/regions/{w.slug}/wegwijzer/?{query}")
        if name == "POST api referral":
            body = {
                "region": w.slug,
                "child": {
                    "first_name": f"Load{number}",
                    "last_name": "Bench",
                    "date_of_birth": f"2018-{number % 12 + 1:02d}-{number % 28 + 1:02d}",
                },
                "guardian_name": "Ouder Bench",
                "guardian_phone": "06-00000000",
                "source": "gp",
                "referrer_name": "Huisarts",
                "question": "Hulp thuis",
                "consent_to_share": True,
            }
            headers = {**api, "Content-Type": "application/json"}
            return Request(name, "POST", "/api/v1/referrals", json.dumps(body).encode(), headers)
        if name == "POST plan draft":
            assert draft is not None
            form = {
                "version": draft[1],
                "situation": "",
                "strengths": "",
                "needs": f"Rust in huis ({number})",
                "goals-TOTAL_FORMS": "0",
                "goals-INITIAL_FORMS": "0",
                "actions-TOTAL_FORMS": "0",
                "actions-INITIAL_FORMS": "0",
            }
            headers = {
                **page,
                "Content-Type": "application/x-www-form-urlencoded",
                "X-CSRFToken": w.csrf,
            }
            path = f"/families/{draft[0]}/plan/edit/domain-family/"
            return Request(name, "POST", path, urlencode(form).encode(), headers)
        raise ValueError(name)


# Answers each kind may give: anything else is counted as an error.
EXPECTED = {"POST api referral": {201}, "POST plan draft": {302}}


def run_load(
    port: int, workload: Workload, concurrency: int, requests: int, seconds: float
) -> dict[str, Any]:
    times: dict[str, list[float]] = {name: [] for name, _ in MIX}
    errors: dict[str, list[int]] = {}
    done = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client() -> None:
        nonlocal done
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if done >= requests or time.monotonic() > deadline:
                    return
                done += 1
            request = workload.next()
            headers = {
                "Host": f"127.0.0.1:{port}",
                "X-Forwarded-Proto": "https",  # as the TLS proxy says (docs/deployment.md)
                "Origin": f"https://127.0.0.1:{port}",
                "Accept-Language": "nl",
                **request.headers,
            }
            began = time.perf_counter()
            for attempt in (1, 2):
                try:
                    connection.request(request.method, request.path, request.body, headers)
                    response = connection.getresponse()
                    response.read()
                    break
                except (http.client.HTTPException, ConnectionError):
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    if attempt == 2:
                        raise
            elapsed = time.perf_counter() - began
            with lock:
                times[request.name].append(elapsed)
                if response.status not in EXPECTED.get(request.name, {200}):
                    errors.setdefault(request.name, []).append(response.status)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    began = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - began
    total = sum(len(t) for t in times.values())
    return {
        "concurrency": concurrency,
        "requests": total,
        "seconds": round(wall, 2),
        "throughput": round(total / wall, 1),
        "errors": {name: sorted(set(codes)) for name, codes in errors.items()},
        "error_count": sum(len(codes) for codes in errors.values()),
        "urls": {name: _percentiles(values) for name, values in times.items() if values},
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive") if len(ordered) > 1 else []

    def at(p: int) -> float:
        return round(1000 * (cuts[p - 1] if cuts else ordered[0]), 1)

    return {"n": len(ordered), "p50": at(50), "p95": at(95), "p99": at(99)}


def _client(world: World) -> Any:
    """Django's test client with the coordinator's session, as the load's page requests carry."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = world.session
    client.cookies["csrftoken"] = world.csrf
    return client


def _send(client: Any, request: Request) -> Any:
    """One request of the mix through the test client, with the load's own headers."""
    headers = {k: v for k, v in request.headers.items() if k not in ("Cookie", "Content-Type")}
    return client.generic(
        request.method,
        request.path,
        request.body,
        content_type=request.headers.get("Content-Type", ""),
        secure=True,
        headers={"Accept-Language": "nl", **headers},
    )


def analyze() -> None:
    """Fresh planner statistics, as autovacuum keeps them in a database in use. Each run's POSTs
    leave referrals undecided, fewer than autovacuum waits for; after a few runs the statistics
    still said "none undecided", and the start page's clocks took a plan a hundred times slower
    (5 ms instead of 0.05 at 1,768 undecided referrals): a run measured the runs before it."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def per_request_costs(world: World) -> dict[str, dict[str, int]]:
    """Queries and audit rows of one request of each kind, in-process on the same database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nik.core.models import AuditEvent, AuditSubject

    workload = Workload(world, seed=7)
    client = _client(world)
    costs = {}
    for name, _ in MIX:
        draft = workload.drafts.pop(0) if name == "POST plan draft" else None
        request = workload.build(name, world.family_ids[0], draft, 900_000)
        events = AuditEvent.objects.count()
        subjects = AuditSubject.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = _send(client, request)
        costs[name] = {
            "status": response.status_code,
            "queries": len(queries),
            "audit_events": AuditEvent.objects.count() - events,
            "audit_subject_rows": AuditSubject.objects.count() - subjects,
        }
    # The drafts used here are not posted again under load.
    world.plan_drafts = workload.drafts
    return costs


def in_process(world: World, requests: int) -> str:
    """Where the time of each kind of request goes, without a server: the mix sent ``requests``
    times through Django's test client in this process, one at a time, with the time spent
    waiting for the database and the queries counted per kind (after a warm-up of each kind)."""
    from django.db import connection

    workload = Workload(world, seed=11)
    client = _client(world)
    waited = [0.0, 0]

    def timed(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - began
            waited[1] += 1

    found: dict[str, list[float]] = {}
    wrong: list[str] = []
    for number in range(len(MIX) * 4 + requests):
        request = workload.next()
        waited[:] = [0.0, 0]
        began = time.perf_counter()
        with connection.execute_wrapper(timed):
            response = _send(client, request)
        if response.status_code not in EXPECTED.get(request.name, {200}):
            wrong.append(f"{request.name} {response.status_code}")
        if number >= len(MIX) * 4:
            row = found.setdefault(request.name, [0, 0.0, 0.0, 0])
            row[0] += 1
            row[1] += time.perf_counter() - began
            row[2] += waited[0]
            row[3] += waited[1]
    total = sum(row[1] for row in found.values())
    count = sum(row[0] for row in found.values())
    lines = [
        f"\nIn-process, one at a time: {count} requests, {1000 * total / count:.1f} ms on average; "
        f"unexpected answers: {len(wrong)} {sorted(set(wrong)) or ''}",
        "",
        "| URL | n | ms | of which database ms | queries | share of all time |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name, (n, spent, db, queries) in sorted(found.items(), key=lambda kv: -kv[1][1]):
        lines.append(
            f"| {name} | {n} | {1000 * spent / n:.1f} | {1000 * db / n:.1f} | "
            f"{queries / n:.0f} | {100 * spent / total:.0f} % |"
        )
    return "\n".join(lines)


def floor(world: World, requests: int) -> str:
    """What the least a page can do costs on this machine, beside the mix's average: the CPU
    time (``time.process_time``) of each in this process through Django's test client, median
    of ``requests``. The floor pages are bench/floor_urls.py's. With every request of the mix
    costing at least the signed-in floor, and PostgreSQL's share on top, the machine's cores
    bound the mix's requests per second: what those figures say is written out below them."""
    from django.conf import settings
    from django.urls import clear_url_caches

    settings.ROOT_URLCONF = "bench.floor_urls"
    clear_url_caches()
    client = _client(world)
    family = world.family_ids[0]
    kinds = [
        ("/healthz (reads no session)", "/healthz"),
        ("signed in, an empty answer", f"/bench-floor/{world.slug}/signed-in"),
        ("+ the region and the base template", f"/bench-floor/{world.slug}/region"),
        ("+ one family through the door (audited)", f"/bench-floor/{world.slug}/family/{family}"),
    ]

    def cpu(request: Request) -> float:
        began = time.process_time()
        response = _send(client, request)
        spent = time.process_time() - began
        if response.status_code not in EXPECTED.get(request.name, {200}):
            raise SystemExit(f"{request.path}: {response.status_code}")
        return 1000 * spent

    found = []
    for label, path in kinds:
        times = [cpu(Request(label, "GET", path)) for _ in range(requests + 10)][10:]
        found.append((label, statistics.median(times)))
    workload = Workload(world, seed=5)
    mix = [cpu(workload.next()) for _ in range(len(MIX) * 4 + requests)][len(MIX) * 4 :]
    mean = statistics.fmean(mix)
    audited = found[-1][1]
    cores = os.cpu_count() or 1
    lines = [
        "\n| what | CPU ms (median) |",
        "| --- | --- |",
        *(f"| {label} | {ms:.1f} |" for label, ms in found),
        f"| the mix (mean of {requests}) | {mean:.1f} |",
        "",
        f"The mix's average request costs {mean / audited:.1f}x an empty audited page. On "
        f"{cores} cores, before PostgreSQL, gunicorn and the client take their share: at most "
        f"{cores * 1000 / mean:.0f} requests/s of the mix, and {cores * 1000 / audited:.0f} "
        "were every request an empty audited page.",
    ]
    return "\n".join(lines)


def start_gunicorn(
    workers: int, threads: int, env: dict[str, str]
) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "nik.wsgi",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread" if threads > 1 else "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        "--timeout=120",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603  (our own command line)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def report(costs: dict[str, dict[str, int]], runs: list[dict[str, Any]]) -> str:
    lines = []
    for run in runs:
        health = run["urls"].get("healthz", {}).get("p95") or 1.0
        lines += [
            f"\nConcurrency {run['concurrency']}: {run['requests']} requests in "
            f"{run['seconds']} s = {run['throughput']} requests/s; errors: "
            f"{run['error_count']} {run['errors'] or ''}",
            "",
            "| URL | n | p50 ms | p95 ms | p99 ms | p95 / healthz p95 | queries | audit events "
            "(+ family rows) |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for name, found in run["urls"].items():
            cost = costs.get(name, {})
            lines.append(
                f"| {name} | {found['n']} | {found['p50']} | {found['p95']} | {found['p99']} | "
                f"{found['p95'] / health:.1f} | {cost.get('queries', '')} | "
                f"{cost.get('audit_events', '')} (+{cost.get('audit_subject_rows', '')}) |"
            )
    return "\n".join(lines)


def medians(runs: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Per concurrency level, over its runs: the median throughput (and its range), and per URL
    the median p95 and the median of the run-by-run ratio of its p95 to ``/healthz``'s p95."""
    levels: dict[int, list[dict[str, Any]]] = {}
    for run in runs:
        levels.setdefault(run["concurrency"], []).append(run)
    found = {}
    for level, same in levels.items():
        urls: dict[str, dict[str, list[float]]] = {}
        for run in same:
            health = run["urls"].get("healthz", {}).get("p95")
            for name, figures in run["urls"].items():
                url = urls.setdefault(name, {"p95": [], "ratio": []})
                url["p95"].append(figures["p95"])
                if health:
                    url["ratio"].append(figures["p95"] / health)
        throughput = [run["throughput"] for run in same]
        found[level] = {
            "runs": len(same),
            "throughput": statistics.median(throughput),
            "throughput_range": [min(throughput), max(throughput)],
            "urls": {
                name: {
                    "p95": round(statistics.median(url["p95"]), 1),
                    "ratio": round(statistics.median(url["ratio"]), 2) if url["ratio"] else None,
                }
                for name, url in urls.items()
            },
        }
    return found


def report_medians(
    found: dict[int, dict[str, Any]], against: dict[int, dict[str, Any]] | None = None
) -> str:
    """The medians as tables; with ``against`` (another run's medians, e.g. at 1,000 families)
    each URL's median p95 as a multiple of its median p95 there."""
    lines = []
    for level, summary in found.items():
        low, high = summary["throughput_range"]
        lines += [
            f"\nConcurrency {level}, median of {summary['runs']} runs: "
            f"{summary['throughput']} requests/s ({low}–{high})",
            "",
            "| URL | median p95 ms | median of p95 / healthz p95 |"
            + (" median p95 / the other run's |" if against else ""),
            "| --- | --- | --- |" + (" --- |" if against else ""),
        ]
        other = (against or {}).get(level, {}).get("urls", {})
        for name, url in summary["urls"].items():
            ratio = "" if url["ratio"] is None else f"{url['ratio']:.2f}"
            line = f"| {name} | {url['p95']} | {ratio} |"
            if against:
                base = other.get(name, {}).get("p95")
                line += f" {url['p95'] / base:.2f} |" if base else " |"
            lines.append(line)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concurrency", default="1,8", help="client threads, e.g. 1,8")
    parser.add_argument("--requests", type=int, default=2000, help="per concurrency level")
    parser.add_argument("--seconds", type=float, default=180, help="at most, per level")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run the levels this many times, in turn"
    )
    parser.add_argument("--out", type=Path, help="also write the figures as JSON here")
    parser.add_argument(
        "--against", type=Path, help="an earlier run's --out: compare the median p95s with it"
    )
    parser.add_argument(
        "--in-process",
        type=int,
        metavar="N",
        help="instead of the load: N requests of the mix in this process, and where their time "
        "goes per URL (no server)",
    )
    parser.add_argument(
        "--floor",
        type=int,
        metavar="N",
        help="instead of the load: the CPU of the emptiest pages and of the mix, N requests "
        "each, in this process (no server)",
    )
    args = parser.parse_args(argv)

    if not os.environ.get("NIK_DATABASE_URL", "").startswith("postgres"):
        raise SystemExit(
            "Set NIK_DATABASE_URL to the PostgreSQL database bench/generate.py filled."
        )
    # The collected static files live as long as this run (37 MB; a run leaves none behind).
    static = tempfile.TemporaryDirectory(prefix="nik-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nik.settings",
        "NIK_DEBUG": "false",
        "NIK_DEMO": "false",
        "NIK_SECRET_KEY": os.environ.get("NIK_SECRET_KEY") or secrets.token_urlsafe(50),
        "NIK_STATIC_ROOT": static.name,
        "NIK_SESSION_IDLE_MINUTES": "600",
        # Persistent connections, as docs/deployment.md advises for production.
        "NIK_DATABASE_CONN_MAX_AGE": os.environ.get("NIK_DATABASE_CONN_MAX_AGE", "60"),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    levels = [int(c) for c in args.concurrency.split(",")]
    against = None
    if args.against:
        # JSON keys are strings; the levels are numbers.
        saved = json.loads(args.against.read_text()).get("medians")
        if not saved:
            raise SystemExit(f"{args.against} has no medians: write it with this script's --out.")
        against = {int(level): summary for level, summary in saved.items()}
    drafts = args.repeat * args.requests * len(levels) // 10 + 20
    in_process_requests = args.in_process or args.floor
    world = prepare(in_process_requests // 10 + 20 if in_process_requests else drafts)
    analyze()
    if args.in_process:
        print(f"{world.families} families in the region" + in_process(world, args.in_process))
        return
    if args.floor:
        print(f"{world.families} families in the region" + floor(world, args.floor))
        return
    costs = per_request_costs(world)
    server, port = start_gunicorn(args.workers, args.threads, env)
    runs = []
    try:
        workload = Workload(world, seed=2014)
        # Warm up: every worker imports, connects and fills its caches once.
        run_load(port, workload, args.workers * args.threads, 4 * len(MIX), 60)
        for _ in range(args.repeat):
            for level in levels:
                runs.append(run_load(port, workload, level, args.requests, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"{world.families} families in the region; gunicorn {args.workers} workers x "
        f"{args.threads} threads; NIK_DATABASE_CONN_MAX_AGE={env['NIK_DATABASE_CONN_MAX_AGE']}; "
        "statuses of one request each: " + ", ".join(f"{n} {c['status']}" for n, c in costs.items())
    )
    print(report(costs, runs))
    summary = medians(runs)
    if args.repeat > 1 or against:
        print(report_medians(summary, against))
    if args.out:
        args.out.write_text(
            json.dumps(
                {"families": world.families, "costs": costs, "runs": runs, "medians": summary},
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
