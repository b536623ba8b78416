"""The dispatcher: claims due deliveries with a lease, sends them, records the outcome.

A claim is one transaction (``notify/lock_due`` write-locks the due deliveries, then
``notify/claim`` re-reads them under the lock and takes those still due), so several API
processes sharing one Neo4j never claim one delivery twice. Sending happens outside any
transaction; the outcome is written only while the lease is still the claimer's. A
process that dies mid-send leaves its claim to run out (``notify_lease_s``), then another
process tries again: delivery is at least once, and every attempt carries the delivery id
(webhook header, e-mail Message-ID) for a receiver to drop a repeat.

A failure is tried again after ``notify_retry_base_s``, doubled after each failure up to
``notify_retry_max_s``; the ``notify_max_attempts``-th failure gives up (GAVE_UP). The
clock is injected: tests move it instead of waiting.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.errors import SecretKeyUnavailable
from graphcmdb.notify import mail, webhook
from graphcmdb.notify.mail import SmtpServer
from graphcmdb.notify.model import (
    DUE_STATES,
    DeliveryState,
    NotificationChannel,
    NotificationKind,
    Outcome,
    message,
    retry_at,
)
from graphcmdb.opsmetrics import NOTIFICATION_DELIVERIES
from graphcmdb.secrets.keyring import Keyring, load_keyring
from graphcmdb.services import background_loop, notify_scan
from graphcmdb.services.notify_subscriptions import open_secret

log = logging.getLogger("graphcmdb.notify")

Clock = Callable[[], datetime]
#: where a sealed SMTP password opens (``graphcmdb secrets seal-smtp-password``)
SMTP_PASSWORD_PLACE = "settings:notify_smtp_password"


def utc_now() -> datetime:
    return datetime.now(UTC)


def seal_smtp_password(settings: Settings, password: str) -> str:
    """The value to set as ``GRAPHCMDB_NOTIFY_SMTP_PASSWORD``: the password sealed with the
    secret key (made on first use), opening only as the SMTP password."""
    return load_keyring(settings, create=True).seal(password, SMTP_PASSWORD_PLACE)


def smtp_server(settings: Settings, keyring: Keyring | None = None) -> SmtpServer | None:
    """The SMTP server of the settings (None: no host set); a sealed password is opened
    (with ``keyring`` when the caller loaded it already)."""
    if not settings.notify_smtp_host:
        return None
    password = None
    if settings.notify_smtp_password is not None:
        stored = settings.notify_smtp_password.get_secret_value()
        keys = keyring if keyring is not None else load_keyring(settings)
        password = keys.open(stored, SMTP_PASSWORD_PLACE)
    return SmtpServer(
        host=settings.notify_smtp_host,
        port=settings.notify_smtp_port,
        sender=settings.notify_smtp_from,
        starttls=settings.notify_smtp_starttls,
        user=settings.notify_smtp_user,
        password=password,
        timeout_s=settings.notify_smtp_timeout_s,
    )


@dataclass(frozen=True)
class Target:
    """Where a claimed delivery goes: its subscription as the dispatcher needs it."""

    subscription_id: str
    channel: NotificationChannel
    url: str | None
    address: str | None
    enabled: bool
    sealed_secret: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Claimed:
    id: str
    kind: NotificationKind
    key: str
    subject: str
    attempts: int
    created_at: datetime
    #: None when the subscription was deleted since
    target: Target | None


def _claimed(row: Row) -> Claimed:
    d, s = row["delivery"], row["subscription"]
    target = None
    if s is not None:
        target = Target(
            s["id"],
            NotificationChannel(s["channel"]),
            s.get("url"),
            s.get("address"),
            bool(s.get("enabled")),
            s.get("signingSecret"),
        )
    return Claimed(
        d["id"],
        NotificationKind(d["kind"]),
        d["subjectKey"],
        d["subject"],
        int(d["attempts"]),
        d["createdAt"],
        target,
    )


@dataclass(frozen=True)
class Attempt:
    """What one attempt of one delivery came to, as recorded."""

    delivery_id: str
    state: DeliveryState
    attempts: int
    error: str | None
    next_attempt_at: datetime | None


class Dispatcher:
    """Sends what is due; ``run_once`` is one pass (tests call it), ``run`` the loop the
    API lifespan starts."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        name: str | None = None,
        client: httpx.AsyncClient | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.db, self.settings, self.clock = db, settings or db.settings, clock
        self.name = name or f"dispatcher-{uuid.uuid4().hex[:12]}"
        self._client = client
        self._own_client = client is None
        self._next_scan: datetime | None = None
        #: the secret keys, read once per pass (not once per delivery)
        self._keyring: Keyring | None = None

    def keyring(self) -> Keyring:
        if self._keyring is None:
            self._keyring = load_keyring(self.settings)
        return self._keyring

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(follow_redirects=False)
        return self._client

    async def aclose(self) -> None:
        if self._own_client and self._client is not None:
            await self._client.aclose()
            self._client = None

    async def claim(self, owner: str) -> list[Claimed]:
        """Claim up to ``notify_batch`` due deliveries for ``owner``: one transaction."""
        now = self.clock()
        params = {
            "now": now,
            "due": [s.value for s in DUE_STATES],
            "sending": DeliveryState.SENDING.value,
        }

        async def work(tx: Tx) -> list[Claimed]:
            locked = await tx.run(Q.NOTIFY_LOCK_DUE, batch=self.settings.notify_batch, **params)
            if not locked:
                return []
            rows = await tx.run(
                Q.NOTIFY_CLAIM,
                ids=[r["id"] for r in locked],
                owner=owner,
                leaseUntil=now + timedelta(seconds=self.settings.notify_lease_s),
                **params,
            )
            return [_claimed(r) for r in rows]

        return await self.db.write(work)

    def _needs_keys(self) -> bool:
        return bool(self.settings.notify_smtp_host and self.settings.notify_smtp_password)

    async def send(self, claimed: Claimed) -> tuple[Outcome, bool]:
        """The outcome of one attempt, and whether it is final whatever the attempts."""
        target = claimed.target
        if target is None:
            return Outcome(False, "the subscription was deleted"), True
        if not target.enabled:
            return Outcome(False, "the subscription is disabled"), True
        msg = message(claimed.id, claimed.kind, claimed.key, claimed.subject, claimed.created_at)
        try:
            if target.channel is NotificationChannel.WEBHOOK:
                assert target.url is not None
                assert target.sealed_secret is not None
                secret = open_secret(
                    self.settings, target.subscription_id, target.sealed_secret, self.keyring()
                )
                stamp = int(self.clock().timestamp())
                timeout = self.settings.notify_webhook_timeout_s
                return await webhook.post(
                    self.client, target.url, secret, msg, stamp, timeout
                ), False
            server = smtp_server(self.settings, self.keyring() if self._needs_keys() else None)
            if server is None:
                return Outcome(False, "no SMTP server is set (GRAPHCMDB_NOTIFY_SMTP_HOST)"), False
            assert target.address is not None
            return await mail.send(server, target.address, msg), False
        except SecretKeyUnavailable as exc:
            return Outcome(False, exc.message), False

    async def record(self, claimed: Claimed, owner: str, outcome: Outcome, final: bool) -> Attempt:
        now, settings = self.clock(), self.settings
        next_at: datetime | None = None
        if outcome.delivered:
            state = DeliveryState.DELIVERED
        elif final or claimed.attempts >= settings.notify_max_attempts:
            state = DeliveryState.GAVE_UP
        else:
            state = DeliveryState.RETRYING
            next_at = retry_at(
                claimed.attempts, now, settings.notify_retry_base_s, settings.notify_retry_max_s
            )

        async def work(tx: Tx) -> None:
            await tx.run(
                Q.NOTIFY_RECORD_OUTCOME,
                id=claimed.id,
                owner=owner,
                sending=DeliveryState.SENDING.value,
                state=state.value,
                error=outcome.error,
                nextAttemptAt=next_at,
                deliveredAt=now if outcome.delivered else None,
                now=now,
            )

        await self.db.write(work)
        channel = claimed.target.channel.value.lower() if claimed.target else "none"
        counted = {DeliveryState.DELIVERED: "delivered", DeliveryState.GAVE_UP: "failed"}
        NOTIFICATION_DELIVERIES.labels(channel, counted.get(state, "retried")).inc()
        level = logging.INFO if outcome.delivered else logging.WARNING
        log.log(
            level,
            "notification %s (%s, attempt %d): %s%s",
            claimed.id,
            claimed.kind.value,
            claimed.attempts,
            state.value,
            f" ({outcome.error})" if outcome.error else "",
        )
        return Attempt(claimed.id, state, claimed.attempts, outcome.error, next_at)

    async def run_once(self) -> list[Attempt]:
        """Claim what is due now, send each (concurrently), record each outcome."""
        owner = f"{self.name}:{uuid.uuid4().hex}"
        claimed = await self.claim(owner)
        self._keyring = None  # read again by this pass's first delivery that needs it

        async def one(c: Claimed) -> Attempt:
            outcome, final = await self.send(c)
            return await self.record(c, owner, outcome, final)

        return list(await asyncio.gather(*(one(c) for c in claimed)))

    async def tick(self) -> list[Attempt]:
        """One turn of the loop: the periodic scan when it is due and this process took
        its slot (one process scans per interval), then one pass."""
        now = self.clock()
        if self._next_scan is None or now >= self._next_scan:
            every = timedelta(seconds=self.settings.notify_scan_interval_s)
            if await notify_scan.claim_slot(self.db, now, every, self.name):
                await notify_scan.scan(self.db, now, self.settings)
            self._next_scan = now + every
        return await self.run_once()

    async def run(self, stop: asyncio.Event) -> None:
        """Until ``stop`` is set: a turn every ``notify_poll_s``; a fault is logged, not
        fatal. A turn under way is finished (its outcomes recorded) before it returns."""
        await background_loop.run_turns(
            self.tick, stop, self.settings.notify_poll_s, log, "notifications not dispatched"
        )
