"""The simulated network itself: generated from the topology, consistent, served by real
agents on loopback, started idempotently and stopped without touching other processes."""

from __future__ import annotations

import json
import os
import socket
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from graphcmdb.cli.main import app
from graphcmdb.demo.network import Network, network_status, start_network, stop_network
from graphcmdb.demo.network.build import build_devices, serial_from
from graphcmdb.demo.network.layout import load_layout
from graphcmdb.demo.network.processes import free_udp_port
from graphcmdb.demo.network.records import recording
from graphcmdb.demo.network.topology import load_topology
from graphcmdb.graph.enums import CIClass

TOPOLOGY = load_topology()
DEVICES = build_devices(TOPOLOGY)
BY_NAME = {d.name: d for d in DEVICES}


def test_the_topology_makes_a_network_of_at_least_fifty_devices_of_every_kind() -> None:
    assert len(DEVICES) >= 50
    classes = Counter(d.expect for d in DEVICES)
    assert set(classes) == {
        CIClass.NETWORK_DEVICE,
        CIClass.SERVER,
        CIClass.STORAGE_DEVICE,
        CIClass.LOAD_BALANCER,
        CIClass.VIRTUAL_MACHINE,
    }
    roles = Counter(d.role for d in DEVICES)
    assert roles["core"] == 2
    assert roles["distribution"] == 4
    assert roles["access"] == 10


def test_names_addresses_serials_and_macs_are_unique() -> None:
    for values in (
        [d.name for d in DEVICES],
        [d.ip for d in DEVICES],
        [d.serial for d in DEVICES],
        [p.mac for d in DEVICES for p in d.ports if p.mac],
    ):
        assert len(values) == len(set(values))


def test_serials_follow_their_pattern_and_the_same_name_gives_the_same_serial() -> None:
    assert serial_from("FDO####????", "core-01") == serial_from("FDO####????", "core-01")
    assert serial_from("FDO####????", "core-01") != serial_from("FDO####????", "core-02")
    serial = BY_NAME["core-01"].serial
    assert serial.startswith("FDO")
    assert serial[3:7].isdigit()
    assert len(serial) == 11


def test_every_link_is_known_at_both_ends_on_existing_ports() -> None:
    links = 0
    for device in DEVICES:
        for port in device.ports:
            if port.peer is None:
                continue
            other = BY_NAME[port.peer.device]
            back = next(p for p in other.ports if p.name == port.peer.port)
            assert back.peer is not None
            assert (back.peer.device, back.peer.port) == (device.name, port.name)
            links += 1
    assert links % 2 == 0
    assert links // 2 >= 60


def test_uplinks_follow_the_rules() -> None:
    def peers(name: str) -> set[str]:
        return {p.peer.device for p in BY_NAME[name].ports if p.peer}

    assert peers("core-01") >= {"core-02", "dist-01", "dist-02", "dist-03", "dist-04"}
    assert {"dist-01", "dist-02"} <= peers("acc-01")
    assert "dist-03" not in peers("acc-01")
    assert {"dist-03", "dist-04"} <= peers("acc-10")
    assert peers("web-06") == {"acc-10"}
    assert peers("vm-web-01") == set()  # virtual machines have no cables


def test_recordings_are_generated_the_same_every_time_in_oid_order() -> None:
    first = recording(BY_NAME["acc-03"], TOPOLOGY.site, BY_NAME)
    assert first == recording(BY_NAME["acc-03"], TOPOLOGY.site, BY_NAME)
    oids = [tuple(map(int, line.split("|")[0].split("."))) for line in first.splitlines()]
    assert oids == sorted(oids)
    assert len(oids) == len(set(oids))


def test_each_device_answers_as_its_own_target(simnet: Network) -> None:
    assert len(simnet.targets) == len(DEVICES) + len(TOPOLOGY.bundled) + len(load_layout().snmpd)
    assert len(set(simnet.targets)) == len(simnet.targets)
    assert {d.agent for d in simnet.devices} == {"snmpsim", "snmpd"}
    assert simnet.device("core-01").target == f"127.0.10.1:{simnet.port}"


def test_start_is_idempotent_and_status_reads_the_running_network(simnet: Network) -> None:
    again = start_network(simnet.state_dir)
    assert (again.port, again.pids, again.targets) == (simnet.port, simnet.pids, simnet.targets)
    status = network_status(simnet.state_dir)
    assert status is not None
    assert status.pids == simnet.pids


def test_snmpd_runs_unprivileged_with_its_own_files(simnet: Network) -> None:
    for name in ("linux-agent", "linux-stale"):
        home = simnet.state_dir / f"snmpd-{name}"
        pid = simnet.pids[f"snmpd-{name}"]
        assert int((home / "snmpd.pid").read_text()) == pid
        assert "rouser cmdb-v3 priv" in (home / "snmpd.conf").read_text()
        uid = next(
            line.split()[1]
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("Uid:")
        )
        assert uid != "0" or os.geteuid() != 0


def test_stop_leaves_processes_that_are_not_the_networks_alone(tmp_path: Path) -> None:
    (tmp_path / "network.json").write_text(
        json.dumps({"port": 1, "devices": [], "pids": {"snmpsim": os.getpid()}})
    )
    assert stop_network(tmp_path) is False  # our pid, but not started from tmp_path
    assert network_status(tmp_path) is None
    assert stop_network(tmp_path / "never-started") is False


def test_a_taken_port_makes_the_network_pick_a_free_one() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.10.250", 0))
        port = taken.getsockname()[1]
        chosen = free_udp_port(["127.0.10.249", "127.0.10.250"], port)
    assert chosen != port


def test_the_cli_shows_and_stops_the_network(simnet: Network, tmp_path: Path) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["demo", "network", "status", "--state-dir", str(simnet.state_dir)])
    assert shown.exit_code == 0, shown.output
    assert f"127.0.10.1:{simnet.port}" in shown.output
    assert "cmdb-v3" in shown.output
    absent = runner.invoke(app, ["demo", "network", "status", "--state-dir", str(tmp_path)])
    assert absent.exit_code == 1
    assert "not running" in absent.output
    stopped = runner.invoke(app, ["demo", "network", "stop", "--state-dir", str(tmp_path)])
    assert stopped.exit_code == 0
    assert "was not running" in stopped.output
