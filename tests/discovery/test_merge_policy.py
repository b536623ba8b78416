"""The field-level merge policy and the duplicate report's scoring, as pure functions:
which value each field keeps and why, and how sure each duplicate group is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from graphcmdb.discovery.duplicates import (
    Confidence,
    DuplicateKind,
    KeyHolder,
    SharedKey,
    Verdict,
    suspects,
)
from graphcmdb.discovery.merge_policy import (
    EVERY_CI,
    MergeCI,
    MergeReason,
    differing_serials,
    merge_fields,
)

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def ci(ci_id: str, discovered: tuple[str, ...] = (), **props: Any) -> MergeCI:
    return MergeCI(ci_id, {"id": ci_id, "discoveredFields": list(discovered), **props})


def test_the_kept_value_wins_an_empty_one_is_filled_and_a_person_beats_discovery() -> None:
    keep = ci(
        "k",
        ("hostname", "os"),
        name="srv-a",
        ciClass="Server",
        hostname="srv-a",  # discovery's
        os="Linux 5",  # discovery's, and nobody typed one
        description="kept notes",  # a person's
        environment="PRODUCTION",
    )
    typed = ci(
        "m1",
        name="SRV-A.corp",
        ciClass="Server",
        hostname="srv-a.corp",  # a person's: beats discovery's
        description="finance notes",  # a person's, loses to the kept person's value
        model="R740",  # the kept CI has none
        os="Linux",
    )
    scanned = ci("m2", ("model", "cores"), name="x", ciClass="Server", model="R750", cores=8)
    plan = merge_fields(keep, [scanned, typed])
    by = {d.field: d for d in plan.decisions}

    assert (by["name"].value, by["name"].reason) == ("srv-a", MergeReason.KEY)
    assert [i.value for i in by["name"].incoming] == ["x", "SRV-A.corp"]
    assert (by["hostname"].value, by["hostname"].winner) == ("srv-a.corp", "m1")
    assert by["hostname"].reason is MergeReason.PERSON_ENTERED
    assert (by["os"].value, by["os"].reason) == ("Linux", MergeReason.PERSON_ENTERED)
    assert (by["description"].value, by["description"].reason) == ("kept notes", MergeReason.KEPT)
    assert [i.value for i in by["description"].incoming] == ["finance notes"]
    # an empty kept field: a person's value before discovery's, even when given later
    assert (by["model"].value, by["model"].winner, by["model"].reason) == (
        "R740",
        "m1",
        MergeReason.FILLED,
    )
    assert (by["cores"].value, by["cores"].discovered) == (8, True)
    assert (by["environment"].reason, by["environment"].incoming) == (MergeReason.KEPT, ())
    assert "status" not in by  # nobody has one
    assert plan.changes == {
        "hostname": "srv-a.corp",
        "os": "Linux",
        "model": "R740",
        "cores": 8,
        "discoveredFields": ["cores"],  # what discovery still owns
    }


def test_addresses_and_sources_are_unioned_and_times_span_every_ci() -> None:
    later = T0 + timedelta(days=5)
    keep = ci("k", ("ipAddresses",), ipAddresses=["10.0.0.2"], sources=["snmp"],
              firstSeen=T0 + timedelta(days=1), lastSeen=T0 + timedelta(days=1))  # fmt: skip
    other = ci("m", ("ipAddresses", "macAddresses"), ipAddresses=["10.0.0.1", "10.0.0.2"],
               macAddresses=["a8:00:00:00:00:01"], sources=["import", "snmp"], firstSeen=T0,
               lastSeen=later)  # fmt: skip
    plan = merge_fields(keep, [other])
    by = {d.field: d for d in plan.decisions}
    assert (by["ipAddresses"].value, by["ipAddresses"].reason) == (
        ["10.0.0.1", "10.0.0.2"],
        MergeReason.UNION,
    )
    assert by["ipAddresses"].winner == EVERY_CI
    assert by["sources"].value == ["snmp", "import"]
    assert (by["firstSeen"].value, by["firstSeen"].reason) == (T0, MergeReason.EARLIEST)
    assert (by["lastSeen"].value, by["lastSeen"].reason) == (later, MergeReason.LATEST)
    assert plan.changes["discoveredFields"] == ["ipAddresses", "macAddresses"]
    # a union is discovery's only when every part was
    typed = ci("t", ipAddresses=["10.0.0.9"])
    owned = merge_fields(keep, [typed]).changes["discoveredFields"]
    assert isinstance(owned, list)
    assert "ipAddresses" not in owned


def test_values_every_ci_agrees_on_change_nothing() -> None:
    keep = ci("k", ("model",), model="R740")
    plan = merge_fields(keep, [ci("m", ("model",), model="R740")])
    [model] = plan.decisions
    assert (model.reason, model.changed, model.discovered) == (MergeReason.AGREED, False, True)
    assert plan.changes == {}


def test_differing_serials_are_different_boxes() -> None:
    assert differing_serials([ci("a", serialNumber="sn-1"), ci("b", serialNumber="SN1")]) == []
    assert differing_serials([ci("a", serialNumber="SN1"), ci("b")]) == []
    assert differing_serials([ci("a", serialNumber="SN1"), ci("b", serialNumber="SN2")]) == [
        "SN1",
        "SN2",
    ]


# --- the duplicate report ---------------------------------------------------------------


def holder(ci_id: str, name: str, ci_class: str = "Server", **props: Any) -> KeyHolder:
    return KeyHolder(ci_id, {"id": ci_id, "name": name, "ciClass": ci_class, **props})


def test_confidence_by_kind_and_evidence() -> None:
    a = holder("a", "web01", serialNumber="SN-1", macAddresses=["a8:00:00:00:00:01"])
    b = holder("b", "WEB01.corp.example", "NetworkDevice", serialNumber="sn1",
               macAddresses=["a8:00:00:00:00:01"])  # fmt: skip
    c = holder("c", "db01", ipAddresses=["10.0.0.5"])
    d = holder("d", "db02", ipAddresses=["10.0.0.5"])
    groups = suspects([
        SharedKey("HOST:web01", (a, b)),
        SharedKey("IP:10.0.0.5", (c, d)),
        SharedKey("MAC:a8:00:00:00:00:01", (a, b)),
        SharedKey("SERIAL:SN1", (a, b)),
    ])  # fmt: skip
    assert [(g.kind, g.value, g.ids, g.confidence) for g in groups] == [
        (DuplicateKind.SERIAL, "SN-1", ("a", "b"), Confidence.HIGH),  # the MAC, HOST: evidence
        (DuplicateKind.IP, "10.0.0.5", ("c", "d"), Confidence.LOW),
    ]
    serial, ip = groups
    agree = {e.identifier for e in serial.evidence if e.verdict is Verdict.AGREES}
    assert agree == {"SERIAL", "MAC", "HOST"}
    assert [e.values for e in serial.evidence if e.identifier == "CLASS"] == [
        ("NetworkDevice", "Server")
    ]
    assert serial.score == 0.91  # 0.95, +0.03 for each further agreement, -0.1 for the class
    assert serial.summary == "serial, mac, host agree; class differ"
    assert ip.score == 0.15  # the names differ too: a VIP, probably
    assert [e.identifier for e in ip.evidence if e.verdict is Verdict.CONTRADICTS] == ["HOST"]


def test_a_host_collision_is_medium_and_lower_when_fqdns_or_environments_differ() -> None:
    short = holder("a", "web01")
    fqdn = holder("b", "x", "NetworkDevice", hostname="web01", fqdn="web01.corp.example")
    [same] = suspects([SharedKey("HOST:web01", (short, fqdn))])
    assert (same.kind, same.confidence, same.score) == (DuplicateKind.HOST, Confidence.MEDIUM, 0.5)

    prod = holder("p", "web01.prod.example", environment="PRODUCTION")
    test = holder("t", "web01.test.example", environment="TEST")
    [other] = suspects([SharedKey("HOST:web01", (prod, test))])
    assert other.confidence is Confidence.LOW
    differ = {e.identifier for e in other.evidence if e.verdict is Verdict.CONTRADICTS}
    assert differ == {"FQDN", "ENVIRONMENT"}


def test_different_serials_are_two_boxes_never_a_merge_candidate() -> None:
    old = holder("old", "sw1", "NetworkDevice", serialNumber="FOC1", ipAddresses=["10.0.0.1"])
    new = holder("new", "sw1", "NetworkDevice", serialNumber="FOC2", ipAddresses=["10.0.0.1"])
    sheet = holder("row", "SW1")  # finance's row, no serial: either box
    keys = [SharedKey("HOST:sw1", (old, new)), SharedKey("IP:10.0.0.1", (old, new))]
    assert suspects(keys) == []
    [swap] = suspects(keys, Confidence.NONE)
    assert (swap.kind, swap.confidence, swap.score) == (DuplicateKind.HOST, Confidence.NONE, 0.0)
    assert swap.summary.startswith("not a duplicate: serials differ")
    assert [e.note for e in swap.evidence if e.identifier == "SERIAL"] == [
        "two boxes: a serial identifies hardware"
    ]
    # a CI without a serial could be either box: two weaker groups, never the boxes together
    split = suspects([SharedKey("HOST:sw1", (old, new, sheet))])
    assert [(g.ids, g.confidence) for g in split] == [
        (("old", "row"), Confidence.LOW),
        (("new", "row"), Confidence.LOW),
    ]
