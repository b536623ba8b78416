"""The settings of running operations: monitoring events, graphcmdb's own metrics,
schedules and outbound notifications (a part of :class:`graphcmdb.config.Settings`,
which adds the env prefix ``GRAPHCMDB_``)."""

from __future__ import annotations

from pydantic import Field, PositiveFloat, PositiveInt, SecretStr
from pydantic_settings import BaseSettings


class OperationsSettings(BaseSettings):
    # --- monitoring events (``/events/*``) -------------------------------------
    event_max_body_bytes: PositiveInt = Field(
        default=1_048_576,
        description="Largest webhook body accepted; past it 413 BODY_TOO_LARGE, nothing stored.",
    )
    event_max_alerts: PositiveInt = Field(
        default=1000,
        description="Most alerts one payload may carry; past it 413 TOO_MANY_ALERTS.",
    )
    event_retention_days: PositiveInt = Field(
        default=30,
        description="Events (with their raw payloads) and resolved alerts older than this "
        "are pruned; open alerts and CI status history are kept.",
    )
    event_flap_changes: PositiveInt = Field(
        default=4,
        description="An alert changing state this many times within event_flap_window_s "
        "is flapping: its events are stored as suppressed and the CI keeps its status.",
    )
    event_flap_window_s: PositiveInt = Field(
        default=900, description="The window flap suppression counts state changes in."
    )
    impact_evaluator: bool = Field(
        default=True,
        description="Run the impact evaluator in the API process: it re-evaluates the "
        "services above the CIs events changed and opens or resolves their automatic "
        "incidents; several processes may run it (its passes take a lock in Neo4j).",
    )
    event_drill: bool = Field(
        default=True,
        description="Before the evaluator's first pass (and before /readyz answers ready), "
        "drill the event path once in a transaction that is rolled back, so that Neo4j "
        "has planned its statements when the first real alert comes "
        "(services/event_drill.py).",
    )
    impact_evaluator_poll_s: PositiveFloat = Field(
        default=5.0,
        description="How often an idle evaluator looks for work another process queued "
        "(a payload wakes this process's evaluator at once).",
    )
    root_cause_settle_s: float = Field(
        default=2.0,
        ge=0,
        description="A root-cause search of automatic incidents starts once no alert "
        "payload has queued CIs for this long (and at the latest root_cause_max_wait_s "
        "after it was wanted): it is the evaluator's costly part, an outage's alerts come "
        "in waves, and an incident resolved meanwhile needs none.",
    )
    root_cause_max_wait_s: PositiveFloat = Field(
        default=30.0,
        description="The longest a wanted root-cause search waits for payloads to settle.",
    )

    # --- graphcmdb's own metrics (``GET /metrics``) ----------------------------------
    metrics_from_loopback: bool = Field(
        default=True,
        description="Serve /metrics to clients on loopback without a token (turn off behind "
        "a reverse proxy on the same host: its clients all look local).",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="A bearer token that reads /metrics from anywhere (Prometheus' "
        "authorization credentials); unset: loopback only.",
    )

    # --- schedules (recurring discovery and reports) ---------------------------------
    scheduler: bool = Field(
        default=True,
        description="Run due schedules in this API process; any number of processes may "
        "share one Neo4j (a lease on each schedule makes each due run happen once).",
    )
    scheduler_tick_s: float = Field(
        default=15.0, gt=0, description="How often the scheduler looks for due schedules."
    )
    schedule_lease_s: float = Field(
        default=300.0,
        gt=0,
        description="How long a process holds a schedule while running it; renewed while "
        "the job runs, so it lapses only when the process is gone.",
    )
    # --- outbound notifications (``services/notify*.py``) ------------------------------
    notify_dispatcher: bool = Field(
        default=True,
        description="Run the notification dispatcher (and the periodic scan) in the API "
        "process; several processes may run it (deliveries are claimed with a lease).",
    )
    notify_poll_s: PositiveFloat = Field(
        default=5.0, description="How often the dispatcher looks for due deliveries."
    )
    notify_scan_interval_s: PositiveFloat = Field(
        default=3600.0,
        description="How often the time-based notices (contract and warranty notice "
        "dates, licenses over-deployed, SLA at risk) are looked for; idempotent per day.",
    )
    notify_batch: PositiveInt = Field(default=20, description="Deliveries claimed at once.")
    notify_lease_s: PositiveFloat = Field(
        default=120.0,
        description="How long a claimed delivery is left to its dispatcher; past it another "
        "process may claim it again (more than the webhook and SMTP timeouts).",
    )
    notify_max_attempts: PositiveInt = Field(
        default=6, description="Attempts of one delivery before it is GAVE_UP."
    )
    notify_retry_base_s: PositiveFloat = Field(
        default=30.0, description="The delay after a first failure, doubled after each one."
    )
    notify_retry_max_s: PositiveFloat = Field(
        default=3600.0, description="The longest delay between two attempts."
    )
    notify_webhook_timeout_s: PositiveFloat = Field(
        default=10.0, description="How long a webhook receiver has to answer."
    )
    notify_notice_lead_days: int = Field(
        default=30,
        ge=0,
        le=3660,
        description="A contract is notified this many days before its notice date, a "
        "warranty before its end.",
    )
    notify_sla_budget_threshold: float = Field(
        default=0.8,
        gt=0,
        le=1,
        description="A service's SLA is at risk once this share of the month's error "
        "budget (the down time its slaTarget allows) is used.",
    )
    notify_smtp_host: str | None = Field(
        default=None, description="SMTP server for e-mail notifications (none: not sent)."
    )
    notify_smtp_port: PositiveInt = 25
    notify_smtp_from: str = Field(
        default="graphcmdb@localhost", description="The From address of notification e-mails."
    )
    notify_smtp_starttls: bool = Field(
        default=False, description="Upgrade the SMTP connection with STARTTLS before login."
    )
    notify_smtp_user: str | None = None
    notify_smtp_password: SecretStr | None = Field(
        default=None,
        description="The SMTP password: in clear from the environment, or sealed with the "
        "secret key (`graphcmdb secrets seal-smtp-password` prints the value to set).",
    )
    notify_smtp_timeout_s: PositiveFloat = 10.0
