"""Permission denial per node type, through the real GraphQL endpoint (NetBox style).

Every node type in ``NODE_SPECS`` has a row in ``WRITES`` (the mutations that create,
update and delete it, with a minimal valid input) or in ``SERVER_ONLY`` (no client
mutation writes it, with the reason): a new node type fails here until it is covered.
Mutation names come from the spec (``create<operation>`` …) unless a row names its own,
and every one must exist in the schema.

For each write, callers below the role it needs (no token, a viewer token and, for the
admin writes, an editor token) get the typed error and change nothing in the graph (every
node, relationship and audit entry compared before and after). Then a caller with the role
runs the same call and it succeeds and is audited: the input is valid, so the refusals
came from the role check and nothing else.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from graphql import GraphQLField, GraphQLObjectType, get_named_type

from graphcmdb.api.graphql.permissions import IsAdmin, IsEditor, IsViewer
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.discovery import runs
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.domain.specs import NODE_SPECS
from graphcmdb.graph.enums import Label, Permission, Role
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.services import discovery
from graphcmdb.services.actor import system_actor
from graphcmdb.services.tokens import IssuedToken
from graphcmdb.services.tokens import create_token as issue_token
from tests.conftest import GQL, make_token

SCHEMA = build_schema(Settings())
MUTATIONS: dict[str, GraphQLField] = SCHEMA._schema.mutation_type.fields  # type: ignore[union-attr]

#: ids of the nodes a write refers to, by name ("ci", "product", …), plus the target "id"
Refs = dict[str, str]
Args = Callable[[Refs], dict[str, Any]]
VERBS = ("create", "update", "delete")
#: a weekly scan of one address with the "lab" credential set (``PREREQUISITES``)
DISCOVERY_SCHEDULE = {
    "name": "weekly",
    "kind": "DISCOVERY",
    "cron": "0 6 * * 1",
    "targets": ["10.0.0.1"],
    "credentialSet": "lab",
}
#: what a V2C credential set needs to be stored and used (``discovery/credential_policy``)
WEAK = {"allowInsecure": True, "targetRanges": ["10.0.0.0/8"]}


def same(args: dict[str, Any]) -> Args:
    return lambda refs: args


def with_id(args: dict[str, Any] | None = None) -> Args:
    return lambda refs: {"id": refs["id"], **(args or {})}


@dataclass(frozen=True)
class Writes:
    """How a client writes one node type; a verb left out needs a reason in ``absent``."""

    create: Args
    update: Args | None = None
    delete: Args | None = None
    #: the least role the writes need
    role: Role = Role.EDITOR
    #: what the token needs beyond the role (an admin has it all)
    permissions: tuple[Permission, ...] = ()
    #: mutation names that are not ``<verb><spec.operation>``
    names: dict[str, str] = field(default_factory=dict)
    #: nodes created (as admin, through the API) before the target: see ``PREREQUISITES``
    needs: tuple[str, ...] = ()
    #: verb -> why no mutation does it
    absent: dict[str, str] = field(default_factory=dict)
    #: the ``needs`` node the audit entry names instead of the written one
    audited_as: str | None = None


WRITES: dict[Label, Writes] = {
    Label.CI: Writes(
        create=same({"input": {"name": "web-1", "ciClass": "SERVER"}}),
        update=with_id({"input": {"os": "Debian 12"}}),
        delete=with_id(),
    ),
    Label.SERVICE: Writes(
        create=same({"input": {"name": "Shop", "users": 10}}),
        update=with_id({"input": {"users": 20}}),
        delete=with_id(),
    ),
    Label.ASSET: Writes(
        create=same({"input": {"assetTag": "A-1", "name": "laptop"}}),
        update=with_id({"input": {"model": "T14"}}),
        delete=with_id(),
    ),
    Label.LIFECYCLE_EVENT: Writes(
        create=lambda refs: {"id": refs["asset"], "to": "ORDERED"},
        names={"create": "transitionAsset"},
        needs=("asset",),
        audited_as="asset",
        absent={
            "update": "events are never edited (a lifecycle is history)",
            "delete": "events go only with their asset (deleteAsset, covered under Asset)",
        },
    ),
    Label.VENDOR: Writes(
        create=same({"input": {"name": "Acme"}}),
        update=with_id({"input": {"website": "https://acme.example"}}),
        delete=with_id(),
    ),
    Label.LOCATION: Writes(
        create=same({"input": {"name": "DC1"}}),
        update=with_id({"input": {"address": "1 Main St"}}),
        delete=with_id(),
    ),
    Label.PERSON: Writes(
        create=same({"input": {"name": "Ada", "email": "ada@example.org"}}),
        update=with_id({"input": {"department": "Ops"}}),
        delete=with_id(),
    ),
    Label.CONTRACT: Writes(
        create=same({"input": {"number": "C-1", "kind": "SUPPORT"}}),
        update=with_id({"input": {"noticeDays": 30}}),
        delete=with_id(),
    ),
    Label.SOFTWARE_PRODUCT: Writes(
        create=same({"input": {"publisher": "Acme", "product": "Widget", "version": "1.0"}}),
        update=with_id({"input": {"version": "2.0"}}),
        delete=with_id(),
    ),
    Label.LICENSE: Writes(
        create=lambda refs: {
            "input": {
                "productId": refs["product"],
                "metric": "PER_DEVICE",
                "quantity": 5,
                "reference": "L-1",
            }
        },
        update=with_id({"input": {"quantity": 7}}),
        delete=with_id(),
        needs=("product",),
    ),
    Label.INCIDENT: Writes(
        create=lambda refs: {"input": {"title": "Down", "priority": "P2", "affects": [refs["ci"]]}},
        update=with_id({"input": {"title": "Still down"}}),
        names={"create": "openIncident"},
        needs=("ci",),
        absent={"delete": "incidents are closed (closeIncident), never deleted"},
    ),
    Label.CHANGE: Writes(
        create=lambda refs: {
            "input": {
                "title": "Patch",
                "plannedStart": "2026-01-01T00:00:00Z",
                "plannedEnd": "2026-01-01T02:00:00Z",
                "modifies": [refs["ci"]],
            }
        },
        update=with_id({"input": {"title": "Patch again"}}),
        needs=("ci",),
        absent={"delete": "changes are cancelled (transitionChange), never deleted"},
    ),
    Label.DISCOVERY_RUN: Writes(
        create=same({"input": {"targets": ["10.0.0.1"], "credentialSet": "lab"}}),
        update=with_id(),
        names={"create": "startDiscovery", "update": "cancelDiscovery"},
        permissions=(Permission.DISCOVERY,),
        needs=("credentials",),
        absent={"delete": "runs are the history of what discovery wrote; none is deleted"},
    ),
    Label.API_TOKEN: Writes(
        create=same({"name": "ci-bot", "role": "VIEWER"}),
        update=with_id(),
        role=Role.ADMIN,
        names={"create": "createToken", "update": "revokeToken"},
        absent={"delete": "tokens are revoked, never deleted (the audit log names them)"},
    ),
    Label.USER: Writes(
        create=same({"input": {"name": "ada", "password": "long enough pw", "role": "VIEWER"}}),
        update=with_id(),
        role=Role.ADMIN,
        names={"create": "createUser", "update": "disableUser"},
        absent={"delete": "users are disabled, never deleted (the audit log names them)"},
    ),
    Label.CREDENTIAL_SET: Writes(
        create=same({"input": {"name": "core", "version": "V2C", "community": "s3cr3t-1", **WEAK}}),
        update=with_id(
            {"input": {"name": "core", "version": "V2C", "community": "s3cr3t-2", **WEAK}}
        ),
        delete=with_id(),
        role=Role.ADMIN,
    ),
    Label.SCHEDULE: Writes(
        create=same({"input": DISCOVERY_SCHEDULE}),
        update=with_id({"input": {**DISCOVERY_SCHEDULE, "cron": "0 7 * * 1"}}),
        delete=with_id(),
        permissions=(Permission.DISCOVERY,),  # a report's needs an admin: test_schedules.py
        needs=("credentials",),
    ),
    Label.NOTIFICATION_SUBSCRIPTION: Writes(
        create=same(
            {
                "input": {
                    "name": "ops",
                    "channel": "EMAIL",
                    "address": "ops@example.org",
                    "kinds": ["INCIDENT_OPENED"],
                }
            }
        ),
        update=with_id({"input": {"kinds": ["INCIDENT_RESOLVED"]}}),
        delete=with_id(),
        role=Role.ADMIN,
    ),
}

#: Node types no client mutation writes: only the server does, inside other writes.
SERVER_ONLY: dict[Label, str] = {
    Label.AUDIT_ENTRY: "written by every audited write in its transaction, never by a client",
    Label.SCHEMA_MIGRATION: "written by the migrations at start-up",
    Label.IDENTITY_KEY: "the identity index: claimed by every CI write, locked by identifiers",
    Label.RECONCILIATION_TASK: "opened by identification; only resolveReconciliationTask "
    "(editor) changes one: tests/api/test_identity_api.py",
    Label.SEQUENCE: "the counters behind incident and change numbers (openIncident, createChange)",
    Label.EVENT: "posted by an events token to /events/*, never through GraphQL: "
    "tests/api/test_events.py",
    Label.ALERT: "written with the events of its fingerprint (tests/api/test_events.py)",
    Label.STATUS_CHANGE: "written when events move a CI's status (tests/api/test_events.py)",
    Label.INCIDENT_SUPPRESSION: "written when an open change suppresses an automatic incident "
    "(tests/services/test_auto_incidents.py)",
    Label.CHANGE_FEED: "the live status feed's counter, numbered by every events "
    "transaction that moves a status (tests/api/test_live.py)",
    Label.REPORT_SNAPSHOT: "taken by a report schedule when it runs (tests/api/test_schedules.py)",
    Label.IMPACT_WORK: "queued by an events payload, taken by the impact evaluator "
    "(tests/services/test_impact_evaluator.py)",
    Label.SESSION: "opened by POST /auth/login with a password, ended by /auth/logout or "
    "disableUser, never through GraphQL (tests/api/test_sign_in.py)",
    Label.NOTIFICATION: "the outbox: enqueued with the change that causes it or by the "
    "periodic scan, sent by the dispatcher (tests/notify/)",
}

#: Nodes a write refers to, created by an admin through the API: (mutation, arguments).
PREREQUISITES: dict[str, tuple[str, dict[str, Any]]] = {
    "ci": ("createCI", {"input": {"name": "db-1", "ciClass": "SERVER"}}),
    "asset": ("createAsset", {"input": {"assetTag": "A-9", "name": "rack"}}),
    "product": ("createSoftwareProduct", {"input": {"publisher": "Acme", "product": "Tool"}}),
    "credentials": (
        "createCredentialSet",
        {"input": {"name": "lab", "version": "V2C", "community": "s3cr3t-0", **WEAK}},
    ),
}


def mutation_name(spec: NodeSpec, verb: str) -> str:
    return WRITES[spec.label].names.get(verb, f"{verb}{spec.operation}")


def args_of(writes: Writes, verb: str) -> Args | None:
    found: Args | None = getattr(writes, verb)
    return found


def document(name: str, args: dict[str, Any], select: str = "__typename") -> str:
    """``mutation($a: T!) { name(a: $a) { __typename } }``, the types read from the schema."""
    declared = MUTATIONS[name].args
    variables = ", ".join(f"${a}: {declared[a].type}" for a in args)
    passed = ", ".join(f"{a}: ${a}" for a in args)
    returns = get_named_type(MUTATIONS[name].type)
    selection = f" {{ {select} }}" if isinstance(returns, GraphQLObjectType) else ""
    return f"mutation({variables}) {{ {name}({passed}){selection} }}"


WRITE_CASES = [
    pytest.param(spec, verb, id=f"{spec.label.value}-{verb}")
    for spec in NODE_SPECS
    if spec.label in WRITES
    for verb in VERBS
    if args_of(WRITES[spec.label], verb) is not None
]


# --- coverage: a new node type or mutation fails here until it is covered ------------


def test_every_node_type_is_written_by_a_client_or_declared_server_only() -> None:
    labels = [s.label for s in NODE_SPECS]
    missing = [label.value for label in labels if label not in WRITES and label not in SERVER_ONLY]
    assert not missing, f"node types without a permission-table row: {missing}"
    assert not set(WRITES) & set(SERVER_ONLY)
    assert set(WRITES) | set(SERVER_ONLY) == set(labels)  # no row for a type that is gone


def test_every_verb_has_a_mutation_or_a_reason_and_the_mutations_exist() -> None:
    for spec in NODE_SPECS:
        writes = WRITES.get(spec.label)
        if writes is None:
            continue
        for verb in VERBS:
            has_args, has_reason = args_of(writes, verb) is not None, verb in writes.absent
            assert has_args != has_reason, f"{spec.label.value} {verb}: a mutation xor a reason"
            if has_args:
                assert mutation_name(spec, verb) in MUTATIONS, (spec.label.value, verb)
            else:  # a declared absence must stay true
                assert f"{verb}{spec.operation}" not in MUTATIONS, (spec.label.value, verb)


def test_every_mutation_needs_a_write_role() -> None:
    """The resolvers are checked per type below; this catches any mutation added without
    a role at all (a viewer may never write)."""
    definition = SCHEMA.get_type_by_name("Mutation")
    assert definition is not None
    unguarded = [
        f.python_name
        for f in definition.fields  # type: ignore[union-attr]
        if not any(issubclass(p, IsEditor | IsAdmin) for p in f.permission_classes)
        or IsViewer in f.permission_classes
    ]
    assert not unguarded, f"mutations a viewer (or anyone) could run: {unguarded}"


# --- the per-type table ------------------------------------------------------------


class BlockedScanner:
    """Stands in for the SNMP scanner: a started run stays RUNNING until cancelled."""

    async def __call__(self, targets: Sequence[str], **kwargs: Any) -> ScanResult:
        await asyncio.Event().wait()
        return ScanResult([])


@pytest.fixture
async def no_scans(monkeypatch: pytest.MonkeyPatch, db: Database) -> AsyncIterator[None]:
    """startDiscovery never reaches the network, and no run outlives its test."""
    monkeypatch.setattr(runs, "load_scanner", BlockedScanner)
    yield
    for row in await db.run_raw("MATCH (r:DiscoveryRun) RETURN r.id AS id"):
        await discovery.RUNNING.cancel(row["id"])


async def graph_state(db: Database, *, restated: bool = False) -> list[str]:
    """Every node and relationship with its properties, in a stable order. ``restated``:
    without the address facts' ``lastSeen``, the one thing a source stating the same
    addresses again moves (it confirms its facts: README, "Multi-valued facts")."""
    nodes = await db.run_raw(
        "MATCH (n) WHERE NOT n:SchemaMigration RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels = await db.run_raw(
        "MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, "
        "properties(r) AS props"
    )
    if restated:
        for rel in rels:
            if rel["type"] == "SEEN_ON":
                rel["props"] = {k: v for k, v in rel["props"].items() if k != "lastSeen"}
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in [*nodes, *rels])


async def audit_count(db: Database) -> int:
    return int((await db.run_raw("MATCH (a:AuditEntry) RETURN count(a) AS n"))[0]["n"])


async def ids_of(db: Database, label: Label) -> set[str]:
    rows = await db.run_raw(f"MATCH (n:`{label.value}`) RETURN n.id AS id")
    return {row["id"] for row in rows}


def denied_callers(
    needed: Role, permissions: Sequence[Permission] = ()
) -> list[tuple[Role | None, dict[str, Any]]]:
    """Each caller below ``needed`` with the extensions its refusal carries, and the
    caller with the role but not the ``permissions`` (when the writes need any)."""
    callers: list[tuple[Role | None, dict[str, Any]]] = [(None, {"code": "UNAUTHENTICATED"})]
    for role in Role:
        if role is Role.EVENTS:  # refused at the gate, whatever the field
            callers.append((role, {"code": "FORBIDDEN", "role": role.value}))
        elif not role.allows(needed):
            forbidden = {"code": "FORBIDDEN", "needed": needed.value, "role": role.value}
            callers.append((role, forbidden))
    for permission in permissions:
        lacking = {"code": "FORBIDDEN", "needed": permission.value, "role": needed.value}
        callers.append((needed, lacking))
    return callers


@pytest.mark.usefixtures("no_scans")
@pytest.mark.parametrize(("spec", "verb"), WRITE_CASES)
async def test_a_caller_without_the_role_is_refused_and_nothing_changes(
    client: httpx.AsyncClient, db: Database, spec: NodeSpec, verb: str
) -> None:
    writes = WRITES[spec.label]
    admin = GQL(client, await make_token(db, Role.ADMIN))
    refs: Refs = {}
    for need in writes.needs:
        name, args = PREREQUISITES[need]
        refs[need] = (await admin(document(name, args, "id"), args))[name]["id"]
    if verb != "create":  # the target: made by the type's own create, as admin
        before_ids = await ids_of(db, spec.label)
        create_args = writes.create(refs)
        await admin(document(mutation_name(spec, "create"), create_args), create_args)
        (refs["id"],) = await ids_of(db, spec.label) - before_ids
    make_args = args_of(writes, verb)
    assert make_args is not None
    name, args = mutation_name(spec, verb), make_args(refs)
    query = document(name, args)

    callers = denied_callers(writes.role, writes.permissions)
    tokens = [await make_token(db, role) if role is not None else None for role, _ in callers]
    granted = await issue(db, "test-allowed", writes.role, writes.permissions)
    allowed = GQL(client, granted.token)

    before, audits = await graph_state(db), await audit_count(db)
    for token, (role, extensions) in zip(tokens, callers, strict=True):
        body = (await GQL(client, token).raw(query, args)).json()
        assert body["data"] is None, (role, body)
        assert [e.get("extensions") for e in body["errors"]] == [extensions], (role, body)
    assert await audit_count(db) == audits
    assert await graph_state(db) == before, f"a caller without {writes.role} changed the graph"

    ids, target = await ids_of(db, spec.label), await node_props(db, refs.get("id"))
    entries = await audit_ids(db)
    await allowed(query, args)
    if verb == "create":
        (written,) = await ids_of(db, spec.label) - ids
    else:
        written = refs["id"]
        after = await node_props(db, written)
        assert after != target
        assert (after is None) == (verb == "delete")
    named = refs[writes.audited_as] if writes.audited_as else written
    assert await audit_ids(db, named) - entries, f"no audit entry of {name} names {named}"


async def issue(
    db: Database, name: str, role: Role, permissions: Sequence[Permission]
) -> IssuedToken:
    return await issue_token(db, system_actor("test"), name, role, permissions)


async def audit_ids(db: Database, target: str | None = None) -> set[str]:
    """The audit entries (naming ``target``, when given)."""
    rows = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE $t IS NULL OR $t IN a.targetIds RETURN a.id AS id", t=target
    )
    return {row["id"] for row in rows}


async def node_props(db: Database, node_id: str | None) -> dict[str, Any] | None:
    rows = await db.run_raw(  # the node itself, not its history (db/history.py)
        "MATCH (n {id: $id}) WHERE NOT n:Timeline AND NOT n:State RETURN properties(n) AS p",
        id=node_id,
    )
    return dict(rows[0]["p"]) if rows else None
