"""Read records of the internal node types: API tokens, audit entries, discovery runs and
credential sets. Like ``records.py``'s, one frozen model per type whose fields are what
its spec says a read returns (``tests/graph/test_records.py``): secrets (a token's hash,
a credential set's community and keys) are ``hidden`` in the spec and have no field, so
a record that GraphQL or a log prints can never carry one.

Values stored as JSON text (audit snapshots, a run's failures) are parsed back here, so
no caller decodes them. The SNMP version and the run phase stay text: their enums live
in ``graphcmdb.discovery``, which imports this package (the API converts them).
"""

from __future__ import annotations

import json
from datetime import datetime

from pydantic import BaseModel, Field, JsonValue, field_validator

from graphcmdb.domain.records import READ, Stored
from graphcmdb.graph.enums import DiscoveryRunState, Permission, Role, TaskResolution, TaskState


def _parsed(value: object) -> object:
    """A JSON text as its value (empty text as None); anything else as given."""
    if isinstance(value, str):
        return json.loads(value) if value else None
    return value


class Grants(BaseModel):
    """What a token or a signed-in user may do and see."""

    model_config = READ

    id: str
    name: str
    role: Role
    #: what it may do beyond its role (``graph.enums.Permission`` values)
    permissions: tuple[Permission, ...] = ()
    #: what it sees: ``kind=value`` (``db.scoping.Scope``); none: everything its role may
    scopes: tuple[str, ...] = ()

    @field_validator("permissions", "scopes", mode="before")
    @classmethod
    def _none_is_none_granted(cls, value: object) -> object:
        return () if value is None else value  # tokens issued before permissions existed


class ApiTokenRecord(Grants):
    """An issued token as an administrator sees it: never its hash."""

    prefix: str
    createdAt: datetime
    #: the token reads do not return it (a token is only ever revoked)
    updatedAt: datetime | None = None
    revokedAt: datetime | None = None
    lastUsedAt: datetime | None = None


class AuditEntryRecord(BaseModel):
    """One audited write; ``before`` and ``after`` are the JSON snapshots, parsed."""

    model_config = READ

    id: str
    at: datetime
    actor: str
    operation: str
    targetIds: list[str] = Field(default_factory=list)
    before: JsonValue = None
    after: JsonValue = None
    #: the HTTP request (or command, or discovery run) that wrote it
    requestId: str | None = None
    #: the API token the actor used (None for the CLI and the server's own work)
    tokenId: str | None = None
    #: the caller's own X-Request-Id, when it sent a safe one (never trusted as ours)
    clientRequestId: str | None = None

    @field_validator("before", "after", mode="before")
    @classmethod
    def _snapshot(cls, value: object) -> object:
        return _parsed(value)


class ImportRunRecord(BaseModel):
    """One import of a file as its audit entries tell it: one entry per written batch,
    all of one request (``services/import_runs.py``)."""

    model_config = READ

    #: the request that ran it (an entry's own id when it has none)
    run: str
    #: when its last batch was written
    at: datetime
    actor: str
    #: the kind's import operation (importCIs, importAssets …)
    operation: str
    kind: str
    fileName: str | None = None
    format: str | None = None
    #: rows read, refused (invalid, skipped by skipInvalid), created, updated, and the
    #: rest (read, neither refused nor written)
    rows: int = 0
    refused: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    batches: int = 0
    tokenId: str | None = None


class RunFailure(BaseModel):
    """A target that gave no written device: ``kind`` UNREACHABLE, AUTH_FAILED, ..."""

    model_config = READ

    target: str
    kind: str
    reason: str


class DiscoveryRunRecord(Stored):
    """One discovery job (an ``Entity``: ``node(id)`` shows it as a plain node);
    ``failures`` are stored as JSON texts and read back parsed."""

    model_config = READ

    source: str
    targets: list[str] = Field(default_factory=list)
    state: DiscoveryRunState
    startedAt: datetime
    finishedAt: datetime | None = None
    startedBy: str | None = None
    credentialSet: str | None = None
    concurrency: int | None = None
    #: a ``discovery.runs.Phase`` value; it and the counts are set when the run starts
    phase: str = "SCANNING"
    done: int = 0
    total: int = 0
    countNew: int = 0
    countUpdated: int = 0
    countUnchanged: int = 0
    countUnreachable: int = 0
    countErrors: int = 0
    failures: list[RunFailure] = Field(default_factory=list)
    message: str | None = None
    #: a preview: the devices were identified and planned, nothing was written
    dryRun: bool = False

    @field_validator("failures", mode="before")
    @classmethod
    def _failures(cls, value: object) -> object:
        if value is None:
            return []
        if isinstance(value, list):
            return [_parsed(f) for f in value]
        return value


class CredentialSetRecord(BaseModel):
    """Named SNMP credentials, public fields only (the secrets are never read into one)."""

    model_config = READ

    id: str
    name: str
    #: a ``discovery.credential_sets.SnmpVersion`` value
    version: str
    v3User: str | None = None
    authProtocol: str | None = None
    privProtocol: str | None = None
    #: the CIDR ranges a scan with it may reach (none: it may not be used)
    targetRanges: tuple[str, ...] = ()
    #: an admin allowed weak settings; ``insecureReasons`` says which
    allowInsecure: bool = False
    insecureReasons: tuple[str, ...] = ()
    createdAt: datetime | None = None
    updatedAt: datetime | None = None

    @field_validator("targetRanges", "insecureReasons", mode="before")
    @classmethod
    def _absent_is_empty(cls, value: object) -> object:
        return () if value is None else value  # sets stored before these fields existed

    @field_validator("allowInsecure", mode="before")
    @classmethod
    def _absent_is_not_allowed(cls, value: object) -> object:
        return bool(value)


class ReconciliationTaskRecord(Stored):
    """Something identification could not place: several CIs could be it. ``subject``
    is the row or observation as identification saw it (JSON, parsed back)."""

    model_config = READ

    key: str
    state: TaskState
    source: str
    reason: str
    candidateIds: list[str] = Field(default_factory=list)
    subject: JsonValue = None
    occurrences: int = 1
    lastSeen: datetime | None = None
    resolution: TaskResolution | None = None
    resolvedCiId: str | None = None
    resolvedBy: str | None = None
    resolvedAt: datetime | None = None

    @field_validator("subject", mode="before")
    @classmethod
    def _subject(cls, value: object) -> object:
        return _parsed(value)
