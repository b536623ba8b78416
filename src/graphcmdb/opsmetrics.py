"""graphcmdb's own Prometheus metrics (``GET /metrics``), with the official client library.

Every metric is defined here, once per process, in the client's default registry (which
also carries its process and Python collectors). Every label takes its values from a
bounded set: GraphQL root fields of the schema (never an operation name, which a
client writes), error codes of the shape of ``errors.py``'s, event sources of the
receivers, outcomes named here. :func:`bounded_code` is the guard for codes that come
from elsewhere.

Counted where it happens, in the process it happens in: the API process counts its
HTTP requests, GraphQL operations (those the expensive-query worker executes included:
the request is timed here, around the hand-over), event receipts, discovery runs and
schedule runs it executes, and the transactions of its own driver. The worker process
(``api/expensive_worker.py``) serves no ``/metrics``: its Neo4j transactions are not
counted (they show as the latency of the operations handed to it).
"""

from __future__ import annotations

import re

from prometheus_client import Counter, Gauge, Histogram

PREFIX = "graphcmdb"
#: seconds: a cheap read takes milliseconds, an import or an impact at 100k CIs tens of s
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,47}")
OTHER = "OTHER"

HTTP_REQUESTS = Counter(
    f"{PREFIX}_http_requests",
    "HTTP requests answered, by route group and status code (refusals before GraphQL: "
    "401, 413, 429 ... count here).",
    ["route", "status"],
)
HTTP_DURATION = Histogram(
    f"{PREFIX}_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by route group.",
    ["route"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_DURATION = Histogram(
    f"{PREFIX}_graphql_operation_duration_seconds",
    "GraphQL operations by type and root field ('(several)' for a document selecting "
    "several root fields, '(unknown)' for one that does not parse or names no field).",
    ["type", "field"],
    buckets=LATENCY_BUCKETS,
)
GRAPHQL_ERRORS = Counter(
    f"{PREFIX}_graphql_errors",
    "Errors in GraphQL answers by their code (GRAPHQL_ERROR: validation and syntax; "
    "INTERNAL_ERROR: a masked fault; CANCELLED: client gone or deadline passed).",
    ["code"],
)
NEO4J_IN_FLIGHT = Gauge(
    f"{PREFIX}_neo4j_transactions_in_flight",
    "Transactions this process's Database wrapper is running now (read or write).",
    ["mode"],
)
NEO4J_TRANSACTIONS = Counter(
    f"{PREFIX}_neo4j_transactions",
    "Managed transactions by mode and outcome (ok, error, unavailable, timeout, "
    "rolled_back: a preview or the event drill).",
    ["mode", "outcome"],
)
NEO4J_DURATION = Histogram(
    f"{PREFIX}_neo4j_transaction_duration_seconds",
    "Managed transactions' time, retries included, by mode.",
    ["mode"],
    buckets=LATENCY_BUCKETS,
)
EVENTS_IN = Counter(
    f"{PREFIX}_events_in",
    "Monitoring events accepted and stored, by source and how they bound to a CI.",
    ["source", "match"],
)
EVENTS_DROPPED = Counter(
    f"{PREFIX}_events_dropped",
    "Monitoring events that changed nothing, by source and reason: 'duplicate' and "
    "'flapping' per alert, a refusal code in lower case (malformed_payload, "
    "unauthenticated, body_too_large ...) per payload.",
    ["source", "reason"],
)
IMPACT_PASSES = Counter(
    f"{PREFIX}_impact_passes",
    "Impact evaluator passes that found queued CIs (each re-evaluates the services above "
    "all of them at once), by outcome: ok, failed.",
    ["outcome"],
)
IMPACT_QUEUED = Counter(
    f"{PREFIX}_impact_queued_payloads",
    "Events payloads an impact evaluator pass took from the queue (queued / passes: "
    "how many payloads one evaluation coalesced).",
)
DISCOVERY_RUNS = Counter(
    f"{PREFIX}_discovery_runs",
    "Discovery runs finished by this process, by outcome (done, failed, abandoned).",
    ["outcome"],
)
DISCOVERY_RUNNING = Gauge(
    f"{PREFIX}_discovery_runs_running", "Discovery runs this process is executing now."
)
SCHEDULE_RUNS = Counter(
    f"{PREFIX}_schedule_runs",
    "Scheduled jobs this process ran, by kind and outcome (succeeded, failed).",
    ["kind", "outcome"],
)
NOTIFICATION_DELIVERIES = Counter(
    f"{PREFIX}_notification_deliveries",
    "Outbound notification attempts by channel (webhook, email; none: its subscription "
    "was deleted) and outcome (delivered; retried: failed, tried again later; failed: "
    "gave up).",
    ["channel", "outcome"],
)
for _channel in ("webhook", "email"):
    for _outcome in ("delivered", "failed", "retried"):
        NOTIFICATION_DELIVERIES.labels(_channel, _outcome)


def bounded_code(code: object) -> str:
    """A code fit for a label: upper-case words of at most 48 characters, else OTHER."""
    if isinstance(code, str) and _CODE.fullmatch(code):
        return code
    return OTHER


def route_of(path: str) -> str:
    """The route group of an HTTP path (never the path itself: ids would be labels)."""
    path = path.rstrip("/") or "/"
    if path == "/graphql":
        return "graphql"
    if path.startswith("/events/"):
        return "events"
    if path == "/metrics":
        return "metrics"
    if path == "/api/graph-export":
        return "graph-export"
    if path in ("/healthz", "/readyz"):
        return "health"
    return "other"
