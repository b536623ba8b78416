"""The CI spec's identification rules, one by one, and what is never guessed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.enums import CIClass
from graphcmdb.identity.candidates import CandidateCI, DiscoveredProps
from graphcmdb.identity.keys import Identity
from graphcmdb.identity.match import Ambiguous, Matched, identify

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def ci(
    ci_id: str,
    name: str,
    ci_class: CIClass = CIClass.SERVER,
    *,
    tags: tuple[str, ...] = (),
    environment: str | None = None,
    age: int = 0,
    **props: Any,
) -> CandidateCI:
    given = {"ciClass": ci_class.value, "name": name, "environment": environment, **props}
    stored = DiscoveredProps(given)
    created = T0 - timedelta(days=age)
    return CandidateCI(ci_id, ci_class.value, name, created, stored, (), False, tags)


def row(name: str | None, ci_class: CIClass = CIClass.SERVER, **given: Any) -> Identity:
    return Identity.of(ci_class, name, **given)


def decide(mine: Identity, *candidates: CandidateCI) -> Matched | Ambiguous | None:
    return identify(mine, candidates, CI_SPEC.identity)


def matched(decision: object) -> tuple[str, str]:
    assert isinstance(decision, Matched), decision
    return decision.ci.id, decision.rule


@pytest.mark.parametrize(
    ("mine", "existing", "rule"),
    [
        (row("x", serial="cn-0x12 ab"), ci("a", "other", serialNumber="CN0X12AB"), "SERIAL"),
        (row("x", asset_tags=("a-7",)), ci("a", "other", tags=("A-7",)), "ASSET_TAG"),
        (
            row("x", macs=("00-1A-2B-00-00-01",)),
            ci("a", "o", macAddresses=["00:1a:2b:00:00:01"]),
            "MAC",
        ),
        (row("x", host_names=("Web1.Corp.",)), ci("a", "o", fqdn="web1.corp"), "FQDN"),
        (row("WEB1"), ci("a", "web1.corp.example"), "HOSTNAME"),
        (row("web1.corp.example"), ci("a", "o", hostname="WEB1"), "HOSTNAME"),
        (row(None, ips=("10.0.0.9",)), ci("a", "o", ipAddresses=["10.0.0.9"]), "IP"),
        (row("Shop", CIClass.APPLICATION), ci("a", "shop", CIClass.APPLICATION), "NAME"),
    ],
)
def test_each_rule_finds_the_ci_whatever_the_spelling(
    mine: Identity, existing: CandidateCI, rule: str
) -> None:
    assert matched(decide(mine, existing)) == ("a", rule)


def test_rules_are_tried_strongest_first() -> None:
    by_name = ci("by-name", "web1")
    by_serial = ci("by-serial", "server-17", serialNumber="SN1")
    assert matched(decide(row("web1", serial="SN1"), by_name, by_serial)) == ("by-serial", "SERIAL")


def test_a_different_serial_rules_a_candidate_out() -> None:
    """New hardware under an old name is a new CI."""
    assert decide(row("web1", serial="NEW"), ci("old", "web1", serialNumber="OLD")) is None


def test_a_serial_from_another_maker_is_another_box() -> None:
    lenovo = ci("a", "x", serialNumber="CZ1", manufacturer="Lenovo")
    assert decide(row("y", serial="CZ1", manufacturer="Dell Inc."), lenovo) is None
    assert matched(decide(row("y", serial="CZ1", manufacturer="LENOVO"), lenovo))[0] == "a"


def test_hardware_identifiers_cross_classes() -> None:
    """Finance files a switch as a server: the serial still finds it."""
    switch = ci("sw", "sw-core-1", CIClass.NETWORK_DEVICE, serialNumber="FOC123")
    assert matched(decide(row("SW-CORE-1", CIClass.SERVER, serial="FOC123"), switch))[0] == "sw"


def test_logical_cis_are_found_by_class_and_name_only() -> None:
    app = ci("app", "shop", CIClass.APPLICATION)
    assert decide(row("shop", CIClass.DATABASE), app) is None
    assert decide(row("shop", CIClass.SERVER), app) is None


def test_two_cis_on_one_rule_are_ambiguous_not_the_oldest() -> None:
    a, b = ci("a", "web1", age=10), ci("b", "web1", CIClass.VIRTUAL_MACHINE)
    decision = decide(row("web1"), a, b)
    assert isinstance(decision, Ambiguous)
    assert {c.id for c in decision.candidates} == {"a", "b"}
    assert "HOSTNAME matches 2 CIs" in decision.reason


def test_strong_identifiers_pointing_at_different_cis_are_ambiguous() -> None:
    by_serial = ci("s", "one", serialNumber="SN9")
    by_mac = ci("m", "two", macAddresses=["00:1a:2b:00:00:09"])
    decision = decide(row("x", serial="SN9", macs=("00:1a:2b:00:00:09",)), by_serial, by_mac)
    assert isinstance(decision, Ambiguous)
    assert decision.reason == "SERIAL points at one but MAC at two"
    assert [e.rule for e in decision.evidence] == ["SERIAL", "MAC"]


def test_a_weak_rule_pointing_elsewhere_is_evidence_not_a_conflict() -> None:
    by_serial = ci("s", "srv-17", serialNumber="SN9")
    namesake = ci("n", "web1", ipAddresses=["10.0.0.1"])
    decision = decide(row("web1", serial="SN9"), by_serial, namesake)
    assert matched(decision) == ("s", "SERIAL")


def test_the_most_shared_macs_win() -> None:
    two = ci("two", "a", macAddresses=["00:1a:2b:00:00:01", "00:1a:2b:00:00:02"])
    one = ci("one", "b", macAddresses=["00:1a:2b:00:00:01"])
    mine = row(None, macs=("00:1a:2b:00:00:01", "00:1a:2b:00:00:02"))
    assert matched(decide(mine, one, two)) == ("two", "MAC")


def test_an_address_is_unique_within_its_environment() -> None:
    prod = ci("p", "a", environment="PRODUCTION", ipAddresses=["10.0.0.5"])
    test = ci("t", "b", environment="TEST", ipAddresses=["10.0.0.5"])
    assert matched(decide(row(None, ips=("10.0.0.5",), environment="TEST"), prod, test))[0] == "t"
    assert decide(row(None, ips=("10.0.0.5",)), prod, test) is None  # shared: identifies none


def test_locally_administered_macs_identify_nothing() -> None:
    vm = ci("vm", "a", macAddresses=["52:54:00:00:00:01"])
    assert decide(row(None, macs=("52:54:00:00:00:01",)), vm) is None


def test_keys_are_normalised_and_sorted() -> None:
    mine = row(
        "Web1.Corp.Example",
        serial="sn-1",
        macs=("00-1A-2B-00-00-01", "52:54:00:00:00:01"),
        ips=("10.0.0.1", "127.0.0.1"),
    )
    assert mine.key_texts() == (
        "FQDN:web1.corp.example",
        "HOST:web1",
        "HOST:web1.corp.example",
        "IP:10.0.0.1",
        "MAC:00:1a:2b:00:00:01",
        "SERIAL:SN1",
    )
    assert row("Shop", CIClass.APPLICATION).key_texts() == ("NAME:Application:shop",)


def test_an_address_or_a_name_never_finds_a_box_whose_macs_differ() -> None:
    """DHCP gave printer-b the address printer-a had: two printers, not one."""
    printer_a = ci("a", "printer-a", ipAddresses=["10.0.0.50"], macAddresses=["00:1a:2b:00:44:55"])
    mine = row("printer-b", ips=("10.0.0.50",), macs=("00:1a:2b:00:99:99",))
    assert decide(mine, printer_a) is None
    namesake = row("printer-a", macs=("00:1a:2b:00:99:99",))
    assert decide(namesake, printer_a) is None


def test_a_replaced_ci_is_history_for_the_weak_rules() -> None:
    old = ci("old", "sw-1 (replaced, A)", hostname="sw-1", status="REPLACED",
             ipAddresses=["10.0.0.2"], serialNumber="OLD-A")  # fmt: skip
    new = ci("new", "sw-1", serialNumber="NEW-B", ipAddresses=["10.0.0.2"])
    assert matched(decide(row("SW-1"), old, new)) == ("new", "HOSTNAME")
    assert matched(decide(row(None, ips=("10.0.0.2",)), old, new)) == ("new", "IP")
    assert matched(decide(row("x", serial="old-a"), old, new)) == ("old", "SERIAL")  # the box
