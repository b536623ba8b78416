"""The duplicate report covers logical CIs (applications, databases, clusters): their
identity rule is class and name, so two of one class whose names differ only in case
(stored before identity keys, or written around them) or in blanks and punctuation are
reported, with the evidence and a remedy that never merges two instances of one
application (different environments) or an application with its database."""

from __future__ import annotations

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Database
from graphcmdb.discovery.duplicate_remedy import Remedy, suggest
from graphcmdb.discovery.duplicates import (
    Confidence,
    DuplicateKind,
    Evidence,
    Suspect,
    Verdict,
)
from graphcmdb.services.discovery_duplicates import name_like_groups
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL
from tests.discovery.test_merge_preview import MERGE
from tests.discovery.test_runs import relate

GROUPS = """query($min: DuplicateConfidence! = LOW) { duplicateCIs(minConfidence: $min) {
  kind value key confidence score summary remedy remedyNote
  evidence { identifier verdict values note } cis { id name } } }"""


async def legacy_copy(db: Database, ci_id: str, name: str, environment: str) -> str:
    """A copy of a CI under another name, written as data stored before identity keys
    was (then given its keys by the back-fill ``migrate`` runs)."""
    [row] = await db.run_raw(
        "MATCH (c:CI {id: $id}) CREATE (d:CI:Entity) "
        "SET d = c {.*, id: randomUUID(), name: $name, environment: $env, "
        "           createdAt: c.createdAt + duration('PT1S')} "
        "WITH c, d CALL (c, d) { SET d:$(c.ciClass) } RETURN d.id AS id",
        id=ci_id,
        name=name,
        env=environment,
    )
    await identity_claims.backfill(db)
    return str(row["id"])


async def test_logical_cis_named_alike_are_reported_with_a_safe_remedy(
    db: Database, gql: GQL
) -> None:
    server = await create_ci(gql, "srv-apps")
    crm = await create_ci(gql, "CRM Suite", "APPLICATION", environment="PRODUCTION")
    crm2 = await create_ci(gql, "crm-suite", "APPLICATION", environment="PRODUCTION")
    for app in (crm, crm2):
        await relate(gql, app, "RUNS_ON", server)
    payroll = await create_ci(gql, "Payroll", "APPLICATION", environment="PRODUCTION")
    payroll2 = await legacy_copy(db, payroll, "PAYROLL", "PRODUCTION")
    ledger = await create_ci(gql, "Ledger", "DATABASE", environment="PRODUCTION")
    await legacy_copy(db, ledger, "LEDGER", "TEST")
    await create_ci(gql, "billing", "APPLICATION")  # an application and its database:
    await create_ci(gql, "billing", "DATABASE")  # the same name, not a duplicate

    groups = (await gql(GROUPS))["duplicateCIs"]
    got = [(g["kind"], g["key"], g["confidence"], g["score"], g["remedy"],
            [c["name"] for c in g["cis"]]) for g in groups]  # fmt: skip
    assert got == [
        ("NAME", "NAME:Application:payroll", "HIGH", 0.9, "MERGE", ["Payroll", "PAYROLL"]),
        ("NAME", "NAME:Database:ledger", "MEDIUM", 0.6, "RENAME", ["Ledger", "LEDGER"]),
        ("NAME_LIKE", "NAME_LIKE:Application:crmsuite", "MEDIUM", 0.63, "REVIEW",
         ["CRM Suite", "crm-suite"]),
    ]  # fmt: skip
    merge, rename, like = groups
    assert merge["remedyNote"].startswith(f"mergeCIs(keepId: {payroll}, mergeIds: [{payroll2}])")
    assert {"identifier": "SPELLING", "verdict": "CONTRADICTS", "values": ["PAYROLL", "Payroll"],
            "note": "only case differ"} in merge["evidence"]  # fmt: skip
    env = next(e for e in rename["evidence"] if e["identifier"] == "ENVIRONMENT")
    assert (env["verdict"], env["values"]) == ("CONTRADICTS", ["PRODUCTION", "TEST"])
    assert like["value"] == "CRM Suite"
    assert like["summary"] == "class, environment, name_like, neighbours agree; spelling differ"
    assert {"identifier": "NEIGHBOURS", "verdict": "AGREES", "values": ["srv-apps"],
            "note": None} in like["evidence"]  # fmt: skip

    # the suggested merge is one mergeCIs accepts, and then the group is gone
    await gql(MERGE, {"keep": payroll, "merge": [payroll2]})
    kinds = [g["key"] for g in (await gql(GROUPS))["duplicateCIs"]]
    assert kinds == ["NAME:Database:ledger", "NAME_LIKE:Application:crmsuite"]


def test_names_fold_by_class_and_a_merge_is_never_suggested_over_a_difference() -> None:
    rows = [
        {"id": "1", "ciClass": "Application", "name": "CRM Suite"},
        {"id": "2", "ciClass": "Application", "name": "crm_suite"},
        {"id": "3", "ciClass": "Database", "name": "CRM-Suite"},
        {"id": "4", "ciClass": "Application", "name": "Mail"},
        {"id": "5", "ciClass": "Application", "name": "MAIL"},  # one NAME key: not LIKE
    ]
    assert name_like_groups(rows) == {"NAME_LIKE:Application:crmsuite": ["1", "2"]}

    def group(confidence: Confidence, *evidence: Evidence) -> Suspect:
        kind = DuplicateKind.NAME
        return Suspect(kind, "NAME:x", "x", ("a", "b"), 0.9, confidence, "", evidence)

    differs = Evidence("CLASS", Verdict.CONTRADICTS, ("Server", "VirtualMachine"))
    agrees = Evidence("ENVIRONMENT", Verdict.AGREES, ("PRODUCTION",))
    assert suggest(group(Confidence.HIGH, agrees)).remedy is Remedy.MERGE
    assert suggest(group(Confidence.HIGH, differs)).remedy is Remedy.REVIEW
    assert suggest(group(Confidence.MEDIUM, agrees)).remedy is Remedy.REVIEW
    assert suggest(group(Confidence.NONE)).remedy is Remedy.KEEP_APART
