"""The SNMP scanner against real agents (snmpsim recordings and Debian snmpd) and its
rule tables and parsers on their own."""

from __future__ import annotations

import asyncio
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pysnmp.hlapi.v3arch.asyncio import SnmpEngine

from graphcmdb.demo.network import Network
from graphcmdb.demo.network.build import IF_ETHERNET, build_devices
from graphcmdb.demo.network.topology import load_topology
from graphcmdb.discovery import scanner
from graphcmdb.discovery.classify import Classifier, DeviceFacts
from graphcmdb.discovery.credentials import Credentials
from graphcmdb.discovery.mibs import addresses, entity, lldp
from graphcmdb.discovery.observation import Interface, Observation, ScanResult
from graphcmdb.discovery.oids import (
    ENT_PHYSICAL_CLASS,
    IP_AD_ENT_IF_INDEX,
    IP_ADDRESS_IF_INDEX,
    LLDP_LOC_PORT_DESC,
    LLDP_LOC_PORT_ID,
    LLDP_LOC_PORT_ID_SUBTYPE,
    LLDP_REM_SYS_NAME,
)
from graphcmdb.discovery.scanner import ScanOptions, scan
from graphcmdb.discovery.session import (
    AUTH_FAILED,
    ERROR,
    UNREACHABLE,
    Session,
    SnmpError,
    Timing,
)
from graphcmdb.discovery.software import SoftwareRules
from graphcmdb.discovery.targets import Target, TargetError, parse_targets
from graphcmdb.discovery.vendors import Vendors
from graphcmdb.graph.enums import CIClass

DEVICES = {d.name: d for d in build_devices(load_topology())}
FAST = ScanOptions(timing=Timing(timeout=0.3, retries=1))


def closed_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- targets ------------------------------------------------------------------------------


def test_targets_hosts_ports_ranges_and_ipv6() -> None:
    parsed = [str(t) for t in parse_targets(["10.0.0.0/30", "sw1:1161", "sw2", "[::1]:99"])]
    assert parsed == ["10.0.0.1:161", "10.0.0.2:161", "sw1:1161", "sw2:161", "[::1]:99"]
    assert parse_targets(["10.0.0.8/31:1161"]) == [
        Target("10.0.0.8", 1161),
        Target("10.0.0.9", 1161),
    ]
    assert parse_targets(["10.0.0.7/32", "10.0.0.7"]) == [Target("10.0.0.7", 161)]
    assert parse_targets(["2001:db8::/126"], default_port=16100)[0] == Target("2001:db8::1", 16100)


def test_target_files_hold_several_per_line_and_comments(tmp_path: Path) -> None:
    listing = tmp_path / "targets.txt"
    listing.write_text("# lab\n127.0.10.1:16100, 127.0.10.2:16100\n\n10.1.0.0/30  # servers\n")
    assert [str(t) for t in parse_targets([f"@{listing}", "127.0.10.1:16100"])] == [
        "127.0.10.1:16100",
        "127.0.10.2:16100",
        "10.1.0.1:161",
        "10.1.0.2:161",
    ]


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("host:0", "port 0"),
        ("host:70000", "port 70000"),
        ("10.0.0.0/33", "10.0.0.0/33"),
        ("10.0.0.0/8", "16777216 addresses"),
        ("a b", "is not a host"),
        ("@/nonexistent/targets.txt", "cannot read"),
    ],
)
def test_bad_targets_say_what_is_wrong(spec: str, problem: str) -> None:
    with pytest.raises(TargetError, match=problem):
        parse_targets([spec])


async def test_a_bad_target_is_a_failure_of_its_own_and_the_scan_goes_on(simnet: Network) -> None:
    result = await scan(
        ["not a target", simnet.device("core-02").target], credentials=simnet.v2c, concurrency=2
    )
    assert [o.sys_name for o in result.observations] == ["core-02.dc1.example.com"]
    assert [(f.target, f.kind) for f in result.failures] == [("not a target", ERROR)]


# --- the whole network over SNMPv2c ---------------------------------------------------------


def test_every_device_of_the_network_is_observed(simnet: Network, v2c_scan: ScanResult) -> None:
    assert v2c_scan.failures == []
    assert sorted(o.target for o in v2c_scan.observations) == sorted(simnet.targets)
    assert [o.target for o in v2c_scan.observations] == simnet.targets  # in target order


def test_every_device_is_classified_as_expected(
    simnet: Network, observed: dict[str, Observation]
) -> None:
    wrong = {
        d.name: (observed[d.name].ci_class, d.expect)
        for d in simnet.devices
        if observed[d.name].ci_class != d.expect
    }
    assert wrong == {}


def test_system_group(observed: dict[str, Observation]) -> None:
    core = observed["core-01"]
    assert core.sys_name == "core-01.dc1.example.com"
    assert core.sys_object_id == "1.3.6.1.4.1.9.1.2571"
    assert core.sys_descr
    assert core.sys_descr.startswith("Cisco IOS Software [Cupertino]")
    assert core.sys_services == 6
    assert core.sys_uptime_ticks
    assert core.sys_uptime_ticks > 0
    assert (core.sys_location, core.sys_contact) == ("DC1 Frankfurt, Hall A", "noc@example.com")
    assert observed["ora-02"].sys_descr.startswith("Linux ora-02 5.14.0")  # type: ignore[union-attr]
    linux = observed["linux-agent"]
    assert linux.sys_name == "linux-agent.dc1.example.com"
    assert linux.sys_services == 72
    assert linux.sys_object_id == "1.3.6.1.4.1.8072.3.2.10"


def test_entity_mib_chassis_with_normalised_manufacturer(observed: dict[str, Observation]) -> None:
    expected = {"core-01": "Cisco", "dist-02": "Arista", "esx-03": "Dell", "sql-01": "HPE"}
    for name, manufacturer in expected.items():
        device = DEVICES[name]
        seen = observed[name]
        assert (seen.serial_number, seen.model) == (device.serial, device.hardware.model)
        assert seen.manufacturer == manufacturer
    assert observed["linux-agent"].serial_number is None  # net-snmp has no ENTITY-MIB
    assert observed["eaton-9PX-partial-walk"].manufacturer == "Eaton"  # by sysObjectID


def test_if_mib_interfaces(observed: dict[str, Observation]) -> None:
    for name in ("acc-04", "dist-01", "web-02", "vm-app-01"):
        device, seen = DEVICES[name], observed[name]
        assert [(i.index, i.name) for i in seen.interfaces] == [
            (p.if_index, p.name) for p in device.ports
        ]
        assert [i.mac for i in seen.interfaces] == [p.mac for p in device.ports]
        for port, interface in zip(device.ports, seen.interfaces, strict=True):
            assert interface.speed_bps == port.speed_mbps * 1_000_000
            linked = port.peer is not None or port.if_type != IF_ETHERNET
            assert interface.oper_status == ("up" if linked else "down")
    assert set(observed["web-02"].macs) == {p.mac for p in DEVICES["web-02"].ports if p.mac}
    assert any(i.name == "lo" and i.mac is None for i in observed["sql-01"].interfaces)
    assert len(observed["linux-agent"].interfaces) >= 2  # the machine's own, via snmpd


def test_ip_mib_and_legacy_ip_addr_table_addresses(observed: dict[str, Observation]) -> None:
    assert observed["core-01"].ip_addresses == ("10.0.0.1",)  # ipAddressTable
    assert observed["acc-01"].ip_addresses == ("10.0.2.1",)  # ipAddrTable
    assert observed["sql-03"].ip_addresses == ("10.1.1.3",)  # 127.0.0.1 left out
    assert observed["winxp-full-walk"].ip_addresses == ("192.168.1.9",)
    real = observed["linux-agent"].ip_addresses
    assert real
    assert not any(a.startswith("127.") or a == "::1" for a in real)


def test_lldp_neighbours_name_local_ports_and_the_other_end(
    observed: dict[str, Observation],
) -> None:
    core = {n.local_port: n for n in observed["core-01"].neighbours}
    link = core["TwentyFiveGigE1/0/1"]
    assert (link.remote_sys_name, link.remote_port) == ("dist-01.dc1.example.com", "Ethernet49/1")
    assert link.remote_chassis_id == observed["dist-01"].lldp_chassis_id
    # Arista advertises port IDs of subtype local (ifIndex): the description names the port
    dist = {n.local_port: n.remote_port for n in observed["dist-01"].neighbours}
    assert dist["Ethernet49/1"] == "TwentyFiveGigE1/0/1"


def test_lldp_is_consistent_across_the_whole_network(observed: dict[str, Observation]) -> None:
    by_sys_name = {o.sys_name: o for o in observed.values()}
    links = set()
    for a in observed.values():
        for n in a.neighbours:
            b = by_sys_name[n.remote_sys_name]
            assert n.remote_port in {i.name for i in b.interfaces}, (a.sys_name, n)
            assert n.remote_chassis_id == b.lldp_chassis_id
            assert n.remote_chassis_id in b.macs
            assert any(
                m.remote_sys_name == a.sys_name and m.remote_port == n.local_port
                for m in b.neighbours
            ), (a.sys_name, n)
            links.add(frozenset({(a.sys_name, n.local_port), (b.sys_name, n.remote_port)}))
    cables = {
        frozenset({(d.fqdn, p.name), (DEVICES[p.peer.device].fqdn, p.peer.port)})
        for d in DEVICES.values()
        for p in d.ports
        if p.peer
    }
    assert links == cables


def test_host_resources_software_and_cores(observed: dict[str, Observation]) -> None:
    sql = {(s.publisher, s.product, s.version): s for s in observed["sql-02"].software}
    enterprise = sql["Microsoft", "SQL Server Enterprise", "2022"]
    assert enterprise.raw_name == "Microsoft SQL Server 2022 Enterprise Edition (64-bit)"
    assert enterprise.installed_on == date(2023, 3, 2)
    assert ("Microsoft", "Windows Server Datacenter", "2022") in sql
    assert ("Veeam", "Veeam Backup & Replication", "12") in sql
    assert observed["sql-02"].cores == DEVICES["sql-02"].hardware.cores == 32
    products = {(s.product, s.version) for s in observed["ora-01"].software}
    assert {
        ("Red Hat Enterprise Linux", "9"),
        ("Oracle Database Enterprise Edition", "19c"),
    } <= products
    assert ("ESXi", "8.0") in {(s.product, s.version) for s in observed["esx-01"].software}
    assert ("Office Professional Plus", "2021") in {
        (s.product, s.version) for s in observed["app-01"].software
    }
    assert observed["core-01"].software == ()
    assert observed["core-01"].cores is None
    linux = observed["linux-agent"]
    assert linux.cores
    assert len(linux.software) > 50
    assert {s.publisher for s in linux.software} == {"Debian"}  # dpkg names, normalised
    assert len(observed["winxp-full-walk"].software) > 100


async def test_progress_is_reported_after_every_target(simnet: Network) -> None:
    seen: list[tuple[int, int]] = []
    targets = [d.target for d in simnet.devices[:5]] + ["bad target"]
    await scan(targets, credentials=simnet.v2c, concurrency=3, progress=lambda *p: seen.append(p))
    assert seen[-1] == (6, 6)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) == 5  # the bad target counts as done before the first device finishes


async def test_concurrency_bounds_the_targets_talked_to_at_once(
    simnet: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_flight = peak = 0
    real = scanner.observe

    async def counting(*args: Any) -> Observation:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            return await real(*args)
        finally:
            in_flight -= 1

    monkeypatch.setattr(scanner, "observe", counting)
    result = await scan(simnet.targets[:12], credentials=simnet.v2c, concurrency=3)
    assert len(result.observations) == 12
    assert peak == 3


# --- SNMPv3, failures --------------------------------------------------------------------


async def test_v3_sha256_aes_everywhere_and_a_stale_key_fails_only_its_agent(
    simnet: Network,
) -> None:
    names = ["core-01", "nas-01", "esx-05", "linux-agent", "linux-stale"]
    targets = [simnet.device(n).target for n in names]
    result = await scan(targets, credentials=simnet.v3, concurrency=8, options=FAST)
    assert sorted(o.sys_name or "" for o in result.observations) == [
        "core-01.dc1.example.com",
        "esx-05.dc1.example.com",
        "linux-agent.dc1.example.com",
        "nas-01.dc1.example.com",
    ]
    [failure] = result.failures
    assert (failure.target, failure.kind) == (simnet.device("linux-stale").target, AUTH_FAILED)
    assert "cmdb-v3" in failure.reason
    assert "wrong authentication key" in failure.reason
    nas = next(o for o in result.observations if o.sys_name == "nas-01.dc1.example.com")
    assert nas.ci_class is CIClass.STORAGE_DEVICE
    assert nas.serial_number == DEVICES["nas-01"].serial


async def test_v3_sha1_user_and_wrong_keys_or_users(simnet: Network) -> None:
    sha1 = simnet.layout.v3_users[1]
    assert (sha1.auth, sha1.priv) == ("SHA", "AES")
    targets = [simnet.device("linux-agent").target, simnet.device("lb-01").target]
    ok = await scan(targets, credentials=sha1, concurrency=2, options=FAST)
    assert len(ok.observations) == 2
    assert ok.failures == []
    v3 = simnet.v3
    cases = {
        "wrong privacy key": Credentials.v3(v3.user or "", v3.auth_key, "not-the-priv-key"),
        "no such user": Credentials.v3("nobody-here", v3.auth_key, v3.priv_key),
        "wrong authentication key": Credentials.v3(v3.user or "", "not-the-auth-key", v3.priv_key),
    }
    for why, credentials in cases.items():
        failed = await scan(targets, credentials=credentials, concurrency=2, options=FAST)
        assert failed.observations == []
        assert {f.kind for f in failed.failures} == {AUTH_FAILED}, (why, failed.failures)
        assert all(why in f.reason for f in failed.failures), (why, failed.failures)


async def test_a_closed_port_is_unreachable_after_its_tries() -> None:
    port = closed_udp_port()
    engine = SnmpEngine()  # created first: its start-up is not the target's time
    session = await Session.open(
        engine, Credentials.v2c("public"), Target("127.0.0.1", port), FAST.timing
    )
    with pytest.raises(SnmpError) as failed:
        await session.get([(1, 3, 6, 1, 2, 1, 1, 5, 0)])
    engine.close_dispatcher()
    assert failed.value.kind == UNREACHABLE
    assert "0.3 s x 2 tries" in failed.value.reason
    result = await scan([f"127.0.0.1:{port}"], credentials=Credentials.v2c("public"), options=FAST)
    assert [(f.target, f.kind) for f in result.failures] == [(f"127.0.0.1:{port}", UNREACHABLE)]


async def test_unreachable_and_unresolvable_targets_do_not_stop_the_others(
    simnet: Network,
) -> None:
    closed = f"127.0.0.1:{closed_udp_port()}"
    targets = [closed, simnet.device("core-01").target, "no-such-host.invalid"]
    for credentials in (simnet.v2c, simnet.v3):
        result = await scan(targets, credentials=credentials, concurrency=4, options=FAST)
        assert [o.sys_name for o in result.observations] == ["core-01.dc1.example.com"]
        kinds = {f.target: f.kind for f in result.failures}
        assert kinds == {closed: UNREACHABLE, "no-such-host.invalid:161": UNREACHABLE}


async def test_a_wrong_community_looks_unreachable(simnet: Network) -> None:
    result = await scan(
        [simnet.device("fw-01").target], credentials=Credentials.v2c("private"), options=FAST
    )
    assert [f.kind for f in result.failures] == [UNREACHABLE]


async def test_a_cidr_range_scans_every_address_in_it(simnet: Network) -> None:
    result = await scan([f"127.0.10.0/29:{simnet.port}"], credentials=simnet.v2c, concurrency=8)
    assert [o.sys_name for o in result.observations] == [
        f"{d.name}.dc1.example.com" for d in simnet.devices[:6]
    ]


def test_credentials_are_checked_and_keep_secrets_out_of_repr() -> None:
    with pytest.raises(ValueError, match="at least 8"):
        Credentials.v3("u", "short", None)
    with pytest.raises(ValueError, match="unknown protocol"):
        Credentials.v3("u", "long-enough", None, auth="SHA-1024")
    with pytest.raises(ValueError, match="either a community"):
        Credentials()
    shown = repr(Credentials.v3("u", "secret-auth-key", "secret-priv-key"))
    assert "secret" not in shown
    assert "SHA-256" in shown


# --- rule tables and parsers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (DeviceFacts("1.3.6.1.4.1.3375.2.1.3.4.95", "BIG-IP : Linux 3.10"), CIClass.LOAD_BALANCER),
        (DeviceFacts("1.3.6.1.4.1.789.2.5", "NetApp Release 9.13"), CIClass.STORAGE_DEVICE),
        (DeviceFacts("1.3.6.1.4.1.6876.4.1", "VMware ESXi 8.0.2"), CIClass.SERVER),
        (DeviceFacts("1.3.6.1.4.1.9.1.2494", "Cisco IOS", 2), CIClass.NETWORK_DEVICE),
        (DeviceFacts("1.3.6.1.4.1.8072.3.2.10", "Linux web 5.14", 72), CIClass.SERVER),
        (
            DeviceFacts(
                "1.3.6.1.4.1.8072.3.2.10", "Linux vm", 72, "VMware", "VMware Virtual Platform"
            ),
            CIClass.VIRTUAL_MACHINE,
        ),
        (DeviceFacts("1.3.6.1.4.1.99999.1", "Acme OS", 6), CIClass.NETWORK_DEVICE),
        (DeviceFacts("1.3.6.1.4.1.99999.1", "Acme OS", 72), CIClass.SERVER),
        (
            DeviceFacts("1.3.6.1.4.1.311.1.1.3.1.1", "Hardware: x86 - Software: Windows"),
            CIClass.SERVER,
        ),
        (DeviceFacts(None, None, None), CIClass.NETWORK_DEVICE),
    ],
)
def test_classifier_rules(facts: DeviceFacts, expected: CIClass) -> None:
    assert Classifier.load().classify(facts).ci_class is expected


@pytest.mark.parametrize(
    ("raw", "publisher", "product", "version", "build"),
    [
        ("Microsoft SQL Server 2019 (64-bit)", "Microsoft", "SQL Server", "2019", None),
        (
            "Microsoft SQL Server 2022 Enterprise Edition (64-bit)",
            "Microsoft",
            "SQL Server Enterprise",
            "2022",
            None,
        ),
        (
            "Microsoft Office Professional Plus 2021",
            "Microsoft",
            "Office Professional Plus",
            "2021",
            None,
        ),
        (
            "oracle-database-ee-19c-1.0-1.x86_64",
            "Oracle",
            "Oracle Database Enterprise Edition",
            "19c",
            "1.0-1",
        ),
        (
            "Oracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production",
            "Oracle",
            "Oracle Database Enterprise Edition",
            "19c",
            "19.0.0.0.0",
        ),
        ("redhat-release-9.3-0.5.el9.x86_64", "Red Hat", "Red Hat Enterprise Linux", "9", "9.3"),
        ("VMware ESXi 8.0.2 build-22380479", "VMware", "ESXi", "8.0", "8.0.2-22380479"),
        (
            "postgresql16-server-16.2-1PGDG.rhel9.x86_64",
            "PostgreSQL Global Development Group",
            "PostgreSQL",
            "16",
            "16.2",
        ),
        ("httpd-2.4.57-5.el9.x86_64", "Red Hat", "httpd", "2.4.57", "2.4.57-5.el9"),
        ("adduser_3.134_all", "Debian", "adduser", "3.134", None),
        ("Google Chrome 120.0.6099.130", "Google", "Google Chrome", "120.0.6099.130", None),
        ("Adobe AIR", "Adobe", "Adobe AIR", None, None),
        ("Some Tool", "Unknown", "Some Tool", None, None),
    ],
)
def test_software_normalisation(
    raw: str, publisher: str, product: str, version: str | None, build: str | None
) -> None:
    found = SoftwareRules.load().normalise(raw)
    assert (found.publisher, found.product, found.version, found.build) == (
        publisher,
        product,
        version,
        build,
    )
    assert found.raw_name == raw


def test_manufacturer_names_are_normalised() -> None:
    vendors = Vendors.load()
    assert vendors.manufacturer("Cisco Systems, Inc.", None) == "Cisco"
    assert vendors.manufacturer("Hewlett Packard Enterprise", None) == "HPE"
    assert vendors.manufacturer("Acme Corp", None) == "Acme Corp"
    assert vendors.manufacturer(None, "1.3.6.1.4.1.2636.1.1.1.2.29") == "Juniper Networks"
    assert vendors.manufacturer(None, "1.3.6.1.4.1.8072.3.2.10") is None  # an agent, not a maker


def test_parsers_without_an_agent() -> None:
    from pysnmp.proto.rfc1902 import Integer, OctetString

    assert entity.chassis_row({ENT_PHYSICAL_CLASS: {(5,): Integer(9), (7,): Integer(3)}}) == (7,)
    assert entity.chassis_row({ENT_PHYSICAL_CLASS: {(5,): Integer(9)}}) == (5,)
    v6 = (2, 16, 0x20, 0x01, 0x0D, 0xB8, *([0] * 11), 1)
    table = {
        IP_ADDRESS_IF_INDEX: {v6: Integer(1), (1, 4, 169, 254, 1, 1): Integer(1)},
        IP_AD_ENT_IF_INDEX: {(10, 9, 8, 7): Integer(2)},
    }
    assert addresses.parse(table) == ("10.9.8.7", "2001:db8::1")
    mac_port = {
        (*LLDP_LOC_PORT_ID_SUBTYPE, 3): Integer(3),
        (*LLDP_LOC_PORT_ID, 3): OctetString(bytes.fromhex("001122334455")),
        (*LLDP_LOC_PORT_DESC, 3): OctetString(""),
    }
    ifs = (Interface(3, "eth2", mac="00:11:22:33:44:55"), Interface(4, "eth3"))
    assert lldp.local_ports(mac_port, ifs) == {3: "eth2", 4: "eth3"}
    remote = {LLDP_REM_SYS_NAME: {(0, 4, 1): OctetString("peer")}}
    [neighbour] = lldp.parse(remote, {}, ifs)
    assert (neighbour.local_port, neighbour.remote_sys_name) == ("eth3", "peer")


async def test_a_scan_of_nothing_is_empty() -> None:
    assert await scan([], credentials=Credentials.v2c("public")) == ScanResult()
    await asyncio.sleep(0)
