"""Who may scan what, over GraphQL against the real service: a scan needs the
``discovery`` permission, a credential set reaches only its target ranges, and weak
SNMP settings are stored only with an admin's explicit consent
(``discovery/credential_policy.py``)."""

from __future__ import annotations

import pytest

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.discovery import runs
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import tokens
from tests.cli.test_cli import run_cli
from tests.conftest import GQL
from tests.discovery.test_runs import CREATE_SET, START, V3, FakeScanner, fleet, wait_until_finished

BOUND = V3 | {"name": "bound", "targetRanges": ["10.20.0.0/24", "2001:db8::/64"]}
LIST = "{ credentialSets { name targetRanges insecure insecureReasons } }"
RUNS = "{ discoveryRuns { totalCount } }"


@pytest.fixture
def scanner(monkeypatch: pytest.MonkeyPatch) -> FakeScanner:
    fake = FakeScanner(ScanResult(fleet(1)))
    monkeypatch.setattr(runs, "load_scanner", lambda: fake)
    return fake


async def test_a_scan_needs_the_discovery_permission(
    admin_gql: GQL, gql: GQL, scan_gql: GQL, scanner: FakeScanner
) -> None:
    await admin_gql(CREATE_SET, {"input": BOUND})
    err = await gql.error(START, {"targets": ["10.20.0.1"], "set": "bound"})
    assert err["extensions"]["code"] == "FORBIDDEN"
    assert err["extensions"]["needed"] == "discovery"
    assert (await gql(RUNS))["discoveryRuns"]["totalCount"] == 0
    assert not scanner.calls

    run = (await scan_gql(START, {"targets": ["10.20.0.1"], "set": "bound"}))["startDiscovery"]
    assert (await wait_until_finished(scan_gql, run["id"]))["state"] == "DONE"
    assert len(scanner.calls) == 1


@pytest.mark.parametrize(
    "target",
    [
        "10.20.1.1",  # another network
        "10.20.0.0/23",  # wider than the range
        "10.20.0.5:1161 ",  # inside, with a port: allowed (see below) — paired with one outside
        "2001:db8:1::1",  # IPv6 outside
        "printer.example.org",  # a host name may resolve anywhere
        "@/etc/passwd",  # a targets file would be read on the server
    ],
)
async def test_targets_outside_the_set_ranges_are_refused_before_anything_runs(
    admin_gql: GQL, scan_gql: GQL, scanner: FakeScanner, target: str
) -> None:
    await admin_gql(CREATE_SET, {"input": BOUND})
    targets = [target, "10.99.0.1"] if target.startswith("10.20.0.5") else [target]
    err = await scan_gql.error(START, {"targets": targets, "set": "bound"})
    assert err["extensions"]["code"] == "FORBIDDEN"
    assert err["extensions"]["ranges"] == ["10.20.0.0/24", "2001:db8::/64"]
    assert err["extensions"]["targets"] == [targets[-1].strip()]
    assert "root:" not in err["message"]  # no file was read
    assert (await scan_gql(RUNS))["discoveryRuns"]["totalCount"] == 0
    assert not scanner.calls


async def test_targets_inside_the_ranges_are_scanned(
    admin_gql: GQL, scan_gql: GQL, scanner: FakeScanner
) -> None:
    await admin_gql(CREATE_SET, {"input": BOUND})
    targets = ["10.20.0.0/25", "10.20.0.200:1161", "[2001:db8::7]:161"]
    run = (await scan_gql(START, {"targets": targets, "set": "bound"}))["startDiscovery"]
    assert (await wait_until_finished(scan_gql, run["id"]))["state"] == "DONE"


async def test_a_set_without_ranges_cannot_be_used(
    admin_gql: GQL, scan_gql: GQL, scanner: FakeScanner
) -> None:
    await admin_gql(CREATE_SET, {"input": V3 | {"name": "loose", "targetRanges": []}})
    err = await scan_gql.error(START, {"targets": ["10.20.0.1"], "set": "loose"})
    assert err["extensions"]["code"] == "FORBIDDEN"
    assert "no target ranges" in err["message"]
    assert not scanner.calls


async def test_weak_snmp_settings_need_an_admin_s_explicit_consent(admin_gql: GQL) -> None:
    weak = {
        "v2c": {"name": "w1", "version": "V2C", "community": "public"},
        "noauth": {"name": "w2", "version": "V3", "v3User": "u"},
        "md5": V3 | {"name": "w3", "authProtocol": "MD5"},
        "des": V3 | {"name": "w4", "privProtocol": "DES"},
    }
    for name, given in weak.items():
        err = await admin_gql.error(CREATE_SET, {"input": given})
        assert err["extensions"]["code"] == "VALIDATION_FAILED", name
        assert "allowInsecure" in err["message"], name
    assert (await admin_gql(LIST))["credentialSets"] == []  # nothing stored

    await admin_gql(CREATE_SET, {"input": weak["v2c"] | {"allowInsecure": True}})
    await admin_gql(CREATE_SET, {"input": BOUND})
    listed = {s["name"]: s for s in (await admin_gql(LIST))["credentialSets"]}
    assert listed["w1"]["insecure"] is True
    assert listed["w1"]["insecureReasons"] == [
        "V2C sends the community in clear text on every request",
        "'public' is a well-known default community",
    ]
    assert listed["bound"] | {"targetRanges": None} == {
        "name": "bound",
        "targetRanges": None,
        "insecure": False,
        "insecureReasons": [],
    }


async def test_bad_target_ranges_are_a_typed_error(admin_gql: GQL) -> None:
    bad = V3 | {"name": "x", "targetRanges": ["10.0.0.0/33"]}
    err = await admin_gql.error(CREATE_SET, {"input": bad})
    assert err["extensions"]["code"] == "VALIDATION_FAILED"
    assert "10.0.0.0/33" in err["message"]
    too_many = V3 | {"name": "y", "targetRanges": [f"10.{i}.0.0/16" for i in range(65)]}
    assert (await admin_gql.error(CREATE_SET, {"input": too_many}))["extensions"]["code"] == (
        "VALIDATION_FAILED"
    )


async def test_a_token_carries_its_permissions(admin_gql: GQL) -> None:
    create = """mutation { createToken(name: "scanner-1", role: EDITOR, permissions: [DISCOVERY]) {
      apiToken { name role permissions } } }"""
    issued = (await admin_gql(create))["createToken"]["apiToken"]
    assert issued == {"name": "scanner-1", "role": "EDITOR", "permissions": ["DISCOVERY"]}
    listed = (await admin_gql("{ apiTokens { name permissions } }"))["apiTokens"]
    assert {"name": "scanner-1", "permissions": ["DISCOVERY"]} in listed


async def test_the_command_line_keeps_a_stored_set_to_its_ranges_too(
    admin_gql: GQL, settings: Settings, db: Database
) -> None:
    await admin_gql(CREATE_SET, {"input": BOUND})
    refused = run_cli(settings, "discover", "snmp", "10.99.0.1", "--credential-set", "bound")
    assert refused.returncode == 1
    assert "FORBIDDEN" in refused.stderr
    assert "10.99.0.1" in refused.stderr
    assert await db.run_raw("MATCH (r:DiscoveryRun) RETURN count(r) AS n") == [{"n": 0}]


async def test_the_command_line_issues_a_token_with_a_permission(
    settings: Settings, db: Database
) -> None:
    done = run_cli(
        settings, "token", "create", "--name", "scan-bot", "--role", "editor",
        "--permission", "discovery",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    actor = await tokens.authenticate(db, done.stdout.strip())
    assert actor is not None
    assert actor.may(Permission.DISCOVERY)
    assert actor.role is Role.EDITOR
