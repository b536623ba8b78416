"""Typed settings for every part of graphcmdb (env prefix ``GRAPHCMDB_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, PositiveInt, SecretStr
from pydantic_settings import SettingsConfigDict

from graphcmdb.config_operations import OperationsSettings
from graphcmdb.graph.enums import CIClass
from graphcmdb.logs import LogFormat

NEO4J_DEFAULT_VERSION = "5.26.30"
#: Logical CIs are confirmed by people, not by a scan: they go stale more slowly.
LOGICAL_STALE_AFTER_DAYS = 180
#: 'auto' or a size as neo4j.conf and -Xmx read it: 512m, 2g, 1048576
MEMORY_SIZE = r"^\s*(?i:auto|[1-9]\d*[kmg]?)\s*$"


class Settings(OperationsSettings):
    """One settings object; a managed local Neo4j is used unless ``neo4j_uri`` is set."""

    model_config = SettingsConfigDict(env_prefix="GRAPHCMDB_", extra="ignore")

    # --- where things live -------------------------------------------------
    state_dir: Path = Field(
        default=Path(".graphcmdb"),
        description="Instance state: managed Neo4j conf/data/logs, password, local admin token.",
    )
    secret_key_file: Path | None = Field(
        default=None,
        description="The key that seals SNMP credential secrets (32 random bytes, base64), "
        "created 0600 on first use; previous keys sit next to it as <name>.<key id>. "
        "Default: <state_dir>/secret.key.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="The sealing key itself (base64 of 32 bytes), used instead of the key "
        "file; key files present still open what older keys sealed.",
    )
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "graphcmdb",
        description="Downloaded artefacts shared between checkouts (Neo4j jars).",
    )

    # --- Neo4j connection (external) ----------------------------------------
    neo4j_uri: str | None = Field(
        default=None, description="Point at any Neo4j (bolt://, neo4j://, neo4j+s://)."
    )
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_connection_timeout_s: float = 5.0
    neo4j_max_retry_time_s: float = 3.0
    neo4j_initial_retry_delay_s: float = Field(
        default=0.05,
        description="First wait before a write transaction is tried again after a "
        "transient error (a deadlock Neo4j broke, a lost connection), doubled at each try "
        "until neo4j_max_retry_time_s. The driver's own default (1 s) made every deadlock "
        "between two concurrent alert payloads a second of latency.",
    )
    coalesce_reads: bool = Field(
        default=True,
        description="Send the reads one GraphQL query asks together (a CI's needs, "
        "services, installations, asset …) as one statement (db/coalesce.py): each "
        "statement costs the API ~0.5 ms of driver CPU. false: one statement per read.",
    )
    read_deadline_s: float = Field(
        default=15.0,
        description="Deadline of every read transaction (Neo4j stops and rolls it back) and "
        "of a whole GraphQL query request (the server stops working on it); past it the "
        "caller gets TIMEOUT, nothing was written. 0: none (a query request is then bounded "
        "by mutation_deadline_s).",
    )
    write_deadline_s: float = Field(
        default=300.0,
        description="Deadline of every write transaction, and of the reads a mutation makes "
        "(previews, plans): one upsertCIs call is one transaction of up to 100,000 rows, a "
        "file import one per bulk_batch_size rows. 0: none.",
    )
    mutation_deadline_s: float = Field(
        default=900.0,
        description="Deadline of a whole GraphQL mutation request (an import writes many "
        "batches); also the backstop of a request whose operation is not known yet. 0: none.",
    )

    # --- managed local Neo4j --------------------------------------------------
    neo4j_version: str = NEO4J_DEFAULT_VERSION
    neo4j_bolt_port: int = 7687
    neo4j_http_port: int | None = Field(
        default=None, description="Enable Neo4j's HTTP connector on this port (off when unset)."
    )
    neo4j_heap: str = Field(
        default="auto",
        pattern=MEMORY_SIZE,
        description="Heap of the managed Neo4j ('2g', '512m' or bytes); 'auto': "
        "neo4j_memory_share of the machine, 40 % of it heap (512m to 31g).",
    )
    neo4j_pagecache: str = Field(
        default="auto",
        pattern=MEMORY_SIZE,
        description="Page cache of the managed Neo4j (as the heap); 'auto': the rest of "
        "neo4j_memory_share after the heap (at least 256m).",
    )
    neo4j_memory_share: float = Field(
        default=0.5,
        gt=0,
        le=0.9,
        description="Part of the machine's memory (or of the cgroup's limit) an 'auto' "
        "heap and page cache take together; the rest stays with the API, the OS and "
        "its file cache.",
    )
    neo4j_start_timeout_s: float = 120.0
    java_home: Path | None = Field(
        default=None, description="JDK 17 to run Neo4j 5.26 with (else JAVA_HOME, else PATH)."
    )
    maven_args: list[str] = Field(
        default_factory=list,
        description='Extra `mvn` arguments for the jar download, JSON in env: \'["-s", "x.xml"]\'.',
    )
    neo4j_extra_conf: dict[str, str] = Field(
        default_factory=dict,
        description="Extra neo4j.conf entries (cannot override listen addresses or dirs).",
    )

    # --- API ---------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 8000
    max_page_size: int = 1000
    max_query_depth: int = 12
    max_aliases: int = 30
    max_query_tokens: int = Field(
        default=20_000, description="Bulk rows belong in variables, which do not count."
    )
    max_query_cost: int = Field(
        default=100_000,
        description="Budget of one GraphQL document: fields times list sizes, heavy "
        "resolvers weighted (api/graphql/cost.py); refused before validation when over.",
    )
    max_fragment_spreads: int = Field(
        default=200, description="Fragment spreads one GraphQL document may write."
    )
    max_graph_nodes: int = 5000
    introspection: bool = Field(
        default=False,
        description="Schema introspection for authenticated callers (on in `run`; nobody "
        "without a token reaches /graphql at all). The explorer served by this server "
        "knows its schema without it.",
    )
    graphiql: bool = Field(
        default=False, description="Serve the GraphiQL page at GET /graphql (on in `run`)."
    )
    api_docs: bool = Field(
        default=False, description="Serve /docs, /redoc and /openapi.json (on in `run`)."
    )
    field_suggestions: bool = Field(
        default=False,
        description='"Did you mean ...?" in GraphQL validation errors (on in `run`).',
    )
    log_format: LogFormat = Field(
        default="json",
        description="json: one object per line with the request id (for a log "
        "collector); text: for a person (the demo). Secrets are masked in both.",
    )
    token_sync_s: float = Field(
        default=0.5,
        ge=0,
        description="Token look-ups are cached, each under the token feed's stamp, read "
        "again at most this often while requests come: a token change made elsewhere (the "
        "CLI, another API process) applies here within this; one made through this "
        "process at once. 0: the stamp is read for every request.",
    )
    max_body_bytes: int = Field(
        default=32 * 1024 * 1024,
        description="Largest /graphql request body (an import's file travels in it); "
        "413 before reading when declared larger.",
    )
    auth_failure_limit: int = Field(
        default=20, description="Failed authentications per client address per window."
    )
    auth_failure_window_seconds: float = Field(
        default=60.0, description="The window of auth_failure_limit; past it, 429."
    )
    session_lifetime_s: float = Field(
        default=8 * 3600.0,
        description="How long a signed-in browser's session lasts (the cookie's Max-Age "
        "and the server-side record's expiry); signing in again starts a new one.",
    )
    bulk_batch_size: int = 10_000

    # --- load shedding ---------------------------------------------------------------
    expensive_off_loop: bool = Field(
        True,
        description="Run the expensive queries (impact, graph drawings, reports) on an event "
        "loop of their own, in a thread, so their Python work does not stall other requests.",
    )
    expensive_worker: bool = Field(
        True,
        description="Run the expensive queries in a worker process of their own, at a lower "
        "CPU priority, so that on a busy machine the cheap reads go first (benchmarks.load); "
        "while it is not ready they run in the API's process (expensive_off_loop).",
    )
    expensive_worker_nice: int = Field(
        default=10,
        ge=0,
        le=19,
        description="How much the worker process lowers its CPU priority (nice).",
    )
    expensive_running: int = Field(
        default=2,
        description="Expensive GraphQL operations (impact, graph and report fields, "
        "api/graphql/shedding.py) that run at once, per class; 0: no limit. Measured on 2 "
        "cores (benchmarks.load): 2 answer as many impacts a second as 4, readers faster.",
    )
    expensive_waiting: int = Field(
        default=8,
        description="Expensive operations that may wait for a running slot, per class; "
        "past it the request is refused at once: 503 OVERLOADED with Retry-After.",
    )
    overloaded_retry_after_s: PositiveInt = Field(
        default=2, description="The Retry-After of a 503 OVERLOADED answer, in seconds."
    )
    token_rate_per_s: float = Field(
        default=50.0,
        description="Requests per second one API token may make to /graphql on average "
        "(a token bucket); past its burst 429 RATE_LIMITED with Retry-After. 0: no limit.",
    )
    token_burst: PositiveInt = Field(
        default=200, description="Requests one API token may make at once (the bucket's size)."
    )

    # --- data quality --------------------------------------------------------------
    stale_after_days: PositiveInt = Field(
        default=30,
        description="A CI or LLDP link not confirmed for this many days is reported stale "
        "(never deleted); confirmed = last seen by a source, else last edited.",
    )
    stale_after_days_by_class: dict[CIClass, PositiveInt] = Field(
        default_factory=lambda: {
            CIClass.APPLICATION: LOGICAL_STALE_AFTER_DAYS,
            CIClass.DATABASE: LOGICAL_STALE_AFTER_DAYS,
            CIClass.CLUSTER: LOGICAL_STALE_AFTER_DAYS,
        },
        description="Per-class override of stale_after_days, JSON in env: '{\"Server\": 7}' "
        "(replaces the default map; a link uses the shorter period of its two ends).",
    )
    discovery_write_batch: PositiveInt = Field(
        default=20,
        description="Devices a discovery run writes per transaction (each identified and "
        "planned on the graph as the devices before it left it; a batch that fails is "
        "written again one device per transaction, so one bad device sinks no other). "
        "1: a transaction per device. A dry run always writes one at a time.",
    )
    address_drop_after_runs: PositiveInt = Field(
        default=3,
        description="An IP address a discovery source reported for a CI leaves the CI's "
        "ipAddresses when that source reached the CI this many runs in a row without it "
        "(runs that did not reach the CI do not count; an address another source still "
        "states stays).",
    )

    # --- history (the versioned graph) ----------------------------------------------
    history_enabled: bool = Field(
        default=True,
        description="Version every write (db/history.py). Off only to measure what "
        "versioning costs (benchmarks/history.py): writes made while off have no history.",
    )
    history_retention_days: int | None = Field(
        default=None,
        ge=1,
        description="How long history is kept whole: `graphcmdb db compact-history` drops "
        "the versions that ended before then, except those that held at a month end "
        "(the anchors). None: kept for ever.",
    )

    # --- live status (GraphQL subscriptions over websocket) -------------------------
    live_poll_s: float = Field(
        default=0.5,
        gt=0,
        description="How often each API process reads the status feed after the last "
        "move it saw, while it has subscribers: a move reaches every subscriber of every "
        "process within about this long after its commit.",
    )
    live_auth_check_s: float = Field(
        default=30.0,
        gt=0,
        description="How often a subscription's token is looked up again: a revoked "
        "token's subscriptions end at the next check.",
    )
    live_per_token: int = Field(
        default=5, ge=1, description="Open status subscriptions one token may hold."
    )
    live_per_process: int = Field(
        default=500, ge=1, description="Open status subscriptions one API process serves."
    )

    @property
    def managed_neo4j(self) -> bool:
        """True when the project runs its own Neo4j (no external URI given)."""
        return self.neo4j_uri is None

    @property
    def neo4j_dir(self) -> Path:
        return self.state_dir.resolve() / "neo4j"

    @property
    def neo4j_password_file(self) -> Path:
        return self.neo4j_dir / "password"

    @property
    def secret_key_path(self) -> Path:
        return self.secret_key_file or self.state_dir.resolve() / "secret.key"

    @property
    def admin_token_file(self) -> Path:
        return self.state_dir.resolve() / "admin-token"

    @property
    def bolt_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
