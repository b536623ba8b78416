"""dataQuality's duplicate suspects are the CIs of the groups duplicateCIs reports with
MEDIUM confidence or more (what the health page lists next to the figure): logical CIs
named alike but for blanks and punctuation (NAME_LIKE) count, a shared address (LOW) and
two boxes whose serials differ (NONE) do not."""

from __future__ import annotations

from collections import Counter

from graphcmdb.db.database import Database
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL
from tests.discovery.test_logical_duplicates import legacy_copy
from tests.services.test_data_quality import make_twins

FIGURES = """{ dataQuality { duplicateSuspects classes { ciClass duplicateSuspects } } }"""
GROUPS = """query($min: DuplicateConfidence!) { duplicateCIs(minConfidence: $min) {
  kind confidence cis { id ciClass } } }"""


async def groups(gql: GQL, at_least: str) -> list[tuple[str, str, list[str]]]:
    found = (await gql(GROUPS, {"min": at_least}))["duplicateCIs"]
    return [(g["kind"], g["confidence"], sorted(c["id"] for c in g["cis"])) for g in found]


async def test_data_quality_counts_the_cis_of_the_groups_duplicate_cis_lists(
    db: Database, gql: GQL
) -> None:
    crm = await create_ci(gql, "CRM Suite", "APPLICATION", environment="PRODUCTION")
    crm2 = await create_ci(gql, "crm-suite", "APPLICATION", environment="PRODUCTION")
    ledger = await create_ci(gql, "Ledger", "DATABASE", environment="PRODUCTION")
    ledger2 = await legacy_copy(db, ledger, "LEDGER", "PRODUCTION")
    s1 = await create_ci(gql, "s1", "SERVER")
    s2 = await create_ci(gql, "s2", "SERVER")
    await create_ci(gql, "s3", "SERVER")  # s3 and s4: two boxes (serials differ) with one MAC
    await create_ci(gql, "s4", "SERVER")
    await db.run_raw(
        "MATCH (c:CI) WHERE c.name IN ['s3', 's4'] SET c.macAddresses = ['00:1b:21:aa:bb:01']"
    )
    await make_twins(
        db, {"s1": ("DUP-1", "Dell Inc."), "s2": ("DUP-1", "Dell Inc."),
             "s3": ("A-3", "Dell Inc."), "s4": ("A-4", "Dell Inc.")},
    )  # fmt: skip
    await create_ci(gql, "vip-a", "LOAD_BALANCER", ipAddresses=["10.99.0.1"])  # shared VIP:
    await create_ci(gql, "vip-b", "LOAD_BALANCER", ipAddresses=["10.99.0.1"])  # LOW only

    listed = await groups(gql, "MEDIUM")
    assert listed == [
        ("SERIAL", "HIGH", sorted([s1, s2])),
        ("NAME", "HIGH", sorted([ledger, ledger2])),
        ("NAME_LIKE", "MEDIUM", sorted([crm, crm2])),
    ]
    every = {kind for kind, _, _ in await groups(gql, "NONE")}
    assert {"IP", "MAC"} <= every  # reported, but as LOW and NONE: not suspects

    report = (await gql(FIGURES))["dataQuality"]
    per_class = {c["ciClass"]: c["duplicateSuspects"] for c in report["classes"]}
    found = (await gql(GROUPS, {"min": "MEDIUM"}))["duplicateCIs"]
    in_groups = {c["id"]: c["ciClass"] for g in found for c in g["cis"]}
    assert {k: v for k, v in per_class.items() if v} == dict(Counter(in_groups.values()))
    assert per_class["APPLICATION"] == 2  # the NAME_LIKE pair
    assert (per_class["SERVER"], per_class["LOAD_BALANCER"]) == (2, 0)
    assert report["duplicateSuspects"] == len(in_groups) == 6
