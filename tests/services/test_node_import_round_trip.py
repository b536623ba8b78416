"""Export/import round trip per import kind, and which node types have none (NetBox style).

Every node type in ``NODE_SPECS`` is either the node of an import kind (``KindSpec.node``
in ``importing/kinds.py``) or declared in ``NOT_IMPORTED`` with the reason, and every
import kind has a sample here that fills every one of its columns: a new node type, kind
or column fails here until it is covered.

Each kind: import the sample; export it and import the export over the same graph
(nothing changes, not even ``updatedAt``); wipe what the kind wrote, import the export
again (same nodes with the same properties and links, no duplicates, the same export);
import it once more (nothing changes). A viewer's import is refused and writes nothing.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pytest

from graphcmdb.db.database import Database
from graphcmdb.domain.specs import NODE_SPECS
from graphcmdb.graph.enums import Label
from graphcmdb.importing import files
from graphcmdb.importing.kinds import SPECS
from graphcmdb.importing.reader import ImportFormat
from graphcmdb.services import relationship_bulk
from graphcmdb.services.actor import system_actor
from tests.api.test_node_permissions import graph_state
from tests.conftest import GQL

ACTOR = system_actor("round-trip")
#: the relationship types an import draws
RELS = "|".join(t.value for t in relationship_bulk.TYPES)
K = files.ImportKind

#: Node types without an import kind of their own, and why.
NOT_IMPORTED: dict[Label, str] = {
    Label.RECONCILIATION_TASK: "opened by identification when a subject is ambiguous",
    Label.EVENT: "monitoring notifications, received through /events/* (pruned by retention)",
    Label.ALERT: "an alert across its notifications, written by the events receivers",
    Label.STATUS_CHANGE: "a CI's status history, written when events move its status",
    Label.INCIDENT_SUPPRESSION: "an incident an open change kept monitoring from opening",
    Label.IDENTITY_KEY: "the graph's identity index, written by every CI write (not data)",
    Label.LIFECYCLE_EVENT: "history: an imported asset gets its first event, states move by "
    "transitionAsset",
    Label.VENDOR: "travels as the contracts' vendorName column (created by name on import)",
    Label.LOCATION: "directory data, created and linked through the API",
    Label.PERSON: "directory data, created and linked through the API",
    Label.SOFTWARE_PRODUCT: "travels as the publisher/product/version columns of licenses and "
    "installations (created on import)",
    Label.API_TOKEN: "secrets: issued one by one by an admin, never exported",
    Label.AUDIT_ENTRY: "the log itself: written by the server, read through auditLog",
    Label.SCHEMA_MIGRATION: "database bookkeeping of the migrations",
    Label.SEQUENCE: "server counters behind incident and change numbers",
    Label.DISCOVERY_RUN: "the history of discovery jobs, written by the runs",
    Label.CREDENTIAL_SET: "secrets: created by an admin, never exported",
    Label.NOTIFICATION_SUBSCRIPTION: "created by an admin, with a signing secret shown once",
    Label.NOTIFICATION: "the outbox and delivery log, written by the server",
    Label.SCHEDULE: "set up by an admin (createSchedule), its runs written by the server",
    Label.REPORT_SNAPSHOT: "taken by a report schedule when it runs",
    Label.CHANGE_FEED: "the live status feed's counter, written by events transactions",
    Label.IMPACT_WORK: "a queue entry between an events payload and the impact evaluator",
    Label.USER: "people with password hashes: created one by one by an admin (createUser, "
    "graphcmdb user add); no import kind or export reads them, for anyone",
    Label.SESSION: "a signed-in browser's session, opened by /auth/login",
}


@dataclass(frozen=True)
class RoundTrip:
    #: a CSV file filling every column of the kind (quoting, lists and links included)
    sample: str
    #: kinds whose samples are imported first (the rows' references)
    refs: tuple[files.ImportKind, ...] = ()
    #: Cypher removing what the kind wrote (default: its nodes and what they cascade to)
    wipe: str = ""
    #: Cypher returning what the kind wrote in natural keys, one ``row`` each (default:
    #: its nodes' properties but the server's id and timestamps, with their links)
    state: str = ""


ROUND_TRIPS: dict[files.ImportKind, RoundTrip] = {
    K.CIS: RoundTrip(
        "name,ciClass,status,environment,criticality,hostname,fqdn,ipAddresses,macAddresses,"
        "serialNumber,manufacturer,model,os,cores,minAvailable,sysObjectId,description\n"
        "db-01,Server,DEGRADED,PRODUCTION,5,DB-01,db-01.example.org,10.0.0.1;10.0.1.1,"
        'AA:BB:CC:00:00:01,SN-1,Dell,R650,Debian 12,16,,1.3.6.1.4.1.674,"primary, EU ""main"""\n'
        "pool,Cluster,OPERATIONAL,STAGING,4,,,,,,,,,,2,,\n"
        "web-01,VIRTUAL_MACHINE,,,,,,,,,,,,,,,\n"
    ),
    K.ASSETS: RoundTrip(
        "assetTag,name,lifecycleState,serialNumber,manufacturer,model,category,purchaseDate,"
        "purchaseCost,currency,salvageValue,usefulLifeMonths,depreciationMethod,inServiceDate,"
        "warrantyEnd,costCenter,hasStorage,description\n"
        "A-1,db-01 chassis,IN_STOCK,SN-1,Dell,R650,server,2025-01-01,1200.00,EUR,100.00,36,"
        'DECLINING_BALANCE,2025-02-01,2028-01-01,CC-42,true,"rack 4, unit 12"\n'
        "A-2,monitor,DEPLOYED,,,,,,,,,,,,,,false,\n"
        "A-3,,,,,,,,,,,,,,,,,\n"
    ),
    K.CONTRACTS: RoundTrip(
        "number,name,kind,startDate,endDate,annualCost,currency,autoRenew,noticeDays,"
        "description,vendorName,assetTags\n"
        "C-100,Dell support,SUPPORT,2025-01-01,2027-12-31,1200.00,EUR,true,90,"
        '"next business day, on site",Dell,A-1;A-2\n'
        "C-200,,LEASE,,,,,,,,,\n",
        refs=(K.ASSETS,),
    ),
    K.LICENSES: RoundTrip(
        "reference,name,publisher,product,version,metric,quantity,unitCost,currency,"
        "downgradable,description,contractNumber\n"
        'PO-1,Office seats,Microsoft,Office,2021,PER_DEVICE,10,100.00,EUR,true,"EA, yearly",C-100\n'
        "PO-2,,Atlassian,Jira,,PER_USER,50,,,,,\n",
        refs=(K.ASSETS, K.CONTRACTS),
        wipe="MATCH (n) WHERE n:License OR n:SoftwareProduct DETACH DELETE n",
    ),
    K.INSTALLATIONS: RoundTrip(
        "ciClass,ciName,publisher,product,version,installedVersion,installedAt\n"
        "Server,db-01,Microsoft,Office,2021,16.0.14332,2025-03-01T10:00:00+00:00\n"
        "VIRTUAL_MACHINE,web-01,Atlassian,Jira,,,\n",
        refs=(K.CIS,),
        wipe="MATCH (p:SoftwareProduct) DETACH DELETE p",
        state="MATCH (c:CI)-[i:HAS_INSTALLED]->(p:SoftwareProduct) "
        "RETURN [c.ciClass, c.name, p {.*, id: null, createdAt: null, updatedAt: null}, "
        "i {.*, createdAt: null}] AS row",
    ),
    K.SERVICES: RoundTrip(
        "name,criticality,users,slaTarget,owner,description\n"
        'Shop,5,1200,99.9,Team A,"web shop, EU ""main"""\n'
        "HR,,,,,\n"
    ),
    K.RELATIONSHIPS: RoundTrip(
        "fromClass,fromName,type,toClass,toName,kind,localPort,remotePort\n"
        "Service,Shop,DEPENDS_ON,Cluster,pool,SOFT,,\n"
        "Service,HR,DEPENDS_ON,Service,Shop,,,\n"
        "VM,web-01,HOSTED_ON,Server,db-01,,,\n"
        "VirtualMachine,web-01,MEMBER_OF,CLUSTER,pool,,,\n"
        "Server,db-01,CONNECTED_TO,VirtualMachine,web-01,,eth0,eth1\n",
        refs=(K.CIS, K.SERVICES),
        wipe=f"MATCH ()-[r:{RELS}]->() DELETE r",
        state=f"MATCH (a)-[r:{RELS}]->(b) "
        "RETURN [a.name, type(r), b.name, r {.*, id: null, createdAt: null}] AS row",
    ),
    K.INCIDENTS: RoundTrip(
        "number,externalKey,title,description,priority,state,openedAt,resolvedAt,closedAt,"
        "resolvedAtFirstContact,affects\n"
        'INC0000042,I-000123,DB slow,"disk, ""full""",P2,CLOSED,2025-03-01T10:00:00+00:00,'
        "2025-03-01T12:00:00+00:00,2025-03-02T09:00:00+00:00,true,Server:db-01;Service:Shop\n"
        "INC0000043,,Shop down,,P1,,2025-03-05T08:00:00+00:00,,,,VM:web-01\n",
        refs=(K.CIS, K.SERVICES),
    ),
    K.CHANGES: RoundTrip(
        "number,externalKey,title,description,state,plannedStart,plannedEnd,modifies\n"
        'CHG0000007,C-77,Patch db,"kernel, ""and"" firmware",APPROVED,'
        "2025-04-01T22:00:00+00:00,2025-04-02T02:00:00+00:00,Server:db-01;Cluster:pool\n"
        "CHG0000008,,Resize,,,2025-05-01T22:00:00+00:00,2025-05-01T23:00:00+00:00,VM:web-01\n",
        refs=(K.CIS,),
    ),
}


def node_state(label: Label) -> str:
    return (
        f"MATCH (n:`{label.value}`) "
        "RETURN [n {.*, id: null, createdAt: null, updatedAt: null}, "
        "COLLECT { MATCH (n)-[r]-(m) WHERE NOT m:LifecycleEvent AND NOT m:IdentityKey "
        "RETURN [type(r), startNode(r) = n, labels(m), m.name, r {.*, createdAt: null}] }] AS row"
    )


def node_wipe(label: Label) -> str:
    """The kind's nodes and what they cascade to (an asset's lifecycle events)."""
    return (
        f"MATCH (n:`{label.value}`) OPTIONAL MATCH (n)-[:HAD]->(e:LifecycleEvent) "
        "DETACH DELETE n, e"
    )


def queries(kind: files.ImportKind) -> tuple[str, str]:
    """(wipe, state) of a kind: its row's, else its node type's."""
    trip, node = ROUND_TRIPS[kind], SPECS[kind].node
    if node is None:
        assert trip.wipe, f"{kind}: rows without a node need their own wipe"
        assert trip.state, f"{kind}: rows without a node need their own state"
        return trip.wipe, trip.state
    return trip.wipe or node_wipe(node.label), trip.state or node_state(node.label)


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


async def state_of(db: Database, query: str) -> list[str]:
    """Each row as canonical JSON; a node's links sorted (COLLECT gives no order)."""
    rows = [r["row"] for r in await db.run_raw(query)]
    rows = [
        [r[0], sorted(r[1], key=canonical)] if len(r) == 2 and isinstance(r[1], list) else r
        for r in rows
    ]
    return sorted(canonical(r) for r in rows)


async def load(db: Database, kind: files.ImportKind, content: str) -> files.ImportReport:
    return await files.import_file(db, ACTOR, kind, content, ImportFormat.CSV)


def counts(report: files.ImportReport) -> tuple[int, int, int]:
    return report.created, report.updated, report.unchanged


# --- coverage ------------------------------------------------------------------------


def test_every_node_type_is_imported_or_declared_not_imported() -> None:
    imported = {s.node.label for s in SPECS.values() if s.node is not None}
    labels = {s.label for s in NODE_SPECS}
    missing = labels - imported - set(NOT_IMPORTED)
    assert not missing, f"node types neither imported nor declared: {sorted(missing)}"
    assert not imported & set(NOT_IMPORTED), "declared not imported, yet an import kind's node"
    assert set(NOT_IMPORTED) <= labels  # no reason kept for a type that is gone


def test_every_import_kind_has_a_sample_filling_every_column() -> None:
    assert set(ROUND_TRIPS) == set(K)
    for kind, trip in ROUND_TRIPS.items():
        header, *rows = list(csv.reader(io.StringIO(trip.sample)))
        assert tuple(header) == SPECS[kind].columns, kind
        empty = [c for i, c in enumerate(header) if not any(row[i] for row in rows)]
        assert not empty, f"{kind}: no sample row fills {empty}"


# --- the round trip ------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(K), ids=str)
async def test_export_then_import_gives_back_the_same_nodes(
    db: Database, kind: files.ImportKind
) -> None:
    trip = ROUND_TRIPS[kind]
    wipe, state = queries(kind)
    for ref in trip.refs:
        await load(db, ref, ROUND_TRIPS[ref].sample)
    rows = len(trip.sample.splitlines()) - 1
    assert counts(await load(db, kind, trip.sample)) == (rows, 0, 0)
    written = await state_of(db, state)
    assert len(written) == rows

    exported = await files.export_file(db, kind, page_size=1)  # one row per page
    whole = await graph_state(db, restated=True)
    assert counts(await load(db, kind, exported)) == (0, 0, rows)
    # no property, timestamp or audit entry moved (the rows' address facts are confirmed)
    assert await graph_state(db, restated=True) == whole

    await db.run_raw(wipe)
    assert await state_of(db, state) == []
    assert counts(await load(db, kind, exported)) == (rows, 0, 0)
    assert await state_of(db, state) == written  # same properties, same links, no duplicates
    assert await files.export_file(db, kind) == exported

    whole = await graph_state(db, restated=True)
    assert counts(await load(db, kind, exported)) == (0, 0, rows)
    assert await graph_state(db, restated=True) == whole


IMPORT = """mutation($k: ImportKind!, $c: String!) {
  importData(kind: $k, format: CSV, content: $c) { created } }"""


@pytest.mark.parametrize("kind", list(K), ids=str)
async def test_a_viewer_cannot_import(
    viewer_gql: GQL, db: Database, kind: files.ImportKind
) -> None:
    trip = ROUND_TRIPS[kind]
    for ref in trip.refs:
        await load(db, ref, ROUND_TRIPS[ref].sample)
    before = await graph_state(db)
    err = await viewer_gql.error(IMPORT, {"k": kind.name, "c": trip.sample})
    assert err["extensions"] == {"code": "FORBIDDEN", "needed": "editor", "role": "viewer"}
    assert await graph_state(db) == before
