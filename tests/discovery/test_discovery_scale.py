"""Discovery at scale: a simulated network of several simulator processes and a scaled
topology, and devices written in batches of one transaction (real snmpsim, real Neo4j)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphcmdb.db.database import Database
from graphcmdb.demo.network import Network, start_network
from graphcmdb.demo.network.build import build_devices, mac_of
from graphcmdb.demo.network.network import SNMPSIM, _shares
from graphcmdb.demo.network.topology import load_topology, scaled
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.discovery.scanner import ScanOptions, scan
from graphcmdb.discovery.session import Timing
from graphcmdb.services.discovery_reconcile import reconcile
from tests.api.test_ci_crud import create_ci
from tests.conftest import GQL, WIPE
from tests.discovery.test_end_to_end import canonical
from tests.discovery.test_reconcile import ACTOR, RUN, cis, counts, device

PATIENT = ScanOptions(timing=Timing(timeout=3.0, retries=1))


# --- the network's shape, without agents ---------------------------------------------------


def test_simulator_shares_cover_every_device_once_in_contiguous_blocks() -> None:
    for count, processes in ((57, 1), (57, 2), (57, 4), (3, 4), (317, 3)):
        shares = _shares(count, processes)
        assert [i for share in shares for i in share] == list(range(count))
        assert len(shares) == min(processes, count)
        assert max(map(len, shares)) - min(map(len, shares)) <= 1


def test_a_scaled_topology_keeps_every_identity_distinct() -> None:
    base = build_devices(load_topology())
    devices = build_devices(scaled(load_topology(), 6))
    assert len(devices) == 6 * len(base)
    for key in ("name", "serial", "ip", "fqdn"):
        values = [getattr(d, key) for d in devices]
        assert len(set(values)) == len(values), key
    macs = [p.mac for d in devices for p in d.ports if p.mac]
    assert len(set(macs)) == len(macs)
    by_name = {d.name: d for d in devices}
    for d in devices:  # every cable is known at both ends
        for port in d.ports:
            if port.peer is not None:
                peer = by_name[port.peer.device]
                back = next(p for p in peer.ports if p.name == port.peer.port).peer
                assert back is not None
                assert (back.device, back.port) == (d.name, port.name)
    assert mac_of("00:1e:7a", 7, 3) == "00:1e:7a:0a:07:03"  # the first 255: as before
    assert mac_of("00:1e:7a", 300, 3) == "00:1e:7a:0b:2c:03"


# --- several simulator processes ---------------------------------------------------------


@pytest.fixture(scope="module")
def scaled_net(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    network = start_network(tmp_path_factory.mktemp("scaled"), scale=2, simulators=3)
    yield network
    network.stop()


async def test_a_network_served_by_several_simulators_answers_every_agent(
    scaled_net: Network,
) -> None:
    simulated = [d for d in scaled_net.devices if d.agent == SNMPSIM]
    assert len(simulated) == 2 * 52 + 5
    assert {d.process for d in simulated} == {"snmpsim-1", "snmpsim-2", "snmpsim-3"}
    assert {k for k in scaled_net.pids if k.startswith(SNMPSIM)} == {d.process for d in simulated}
    result = await scan(
        scaled_net.targets, credentials=scaled_net.v2c, concurrency=16, options=PATIENT
    )
    assert result.failures == []
    seen = {o.target: o for o in result.observations}
    assert sorted(seen) == sorted(scaled_net.targets)
    generated = {d.name: d for d in build_devices(scaled(load_topology(), 2))}
    for d in simulated:
        if d.name in generated:  # each agent answers with its own device's recording
            assert seen[d.target].sys_name == generated[d.name].fqdn
            assert seen[d.target].serial_number == generated[d.name].serial
    serials = [o.serial_number for o in result.observations if o.serial_number]
    assert len(set(serials)) == len(serials)


# --- batched writes --------------------------------------------------------------------


async def test_batched_writes_give_the_graph_a_transaction_per_device_gives(
    db: Database, v2c_scan: ScanResult
) -> None:
    """The whole simulated network (two targets of one snmpd host among it) written one
    device per transaction, then in batches of 7: the same CIs, products, installations
    and links; a re-run in batches changes nothing."""
    observations = v2c_scan.observations
    one_by_one = await reconcile(db, ACTOR, observations, RUN, batch=1)
    expected = await canonical(db)
    await db.run_raw(WIPE)
    batched = await reconcile(db, ACTOR, observations, RUN, batch=7)
    assert counts(batched) == counts(one_by_one)
    assert await canonical(db) == expected
    again = await reconcile(db, ACTOR, observations, "run-again", batch=7)
    assert counts(again) == (0, 0, len(observations), 0)


async def test_a_device_that_cannot_be_written_fails_alone_in_its_batch(
    db: Database, gql: GQL
) -> None:
    """An ambiguous device (its serial names one CI, its MAC another) and one no CI may
    hold (a 300-character name) in the middle of a batch: both fail with their reasons,
    every other device of the batch is written."""
    await create_ci(gql, "by-serial", serialNumber="SN-9")
    await create_ci(gql, "by-mac", macAddresses=["a8:bb:cc:00:00:09"])
    ambiguous = device("x", "10.1.0.2", serial="SN-9", macs=("a8:bb:cc:00:00:09",))
    bad = device("b" * 300, "10.9.1.1")
    good = [device(f"g{i}", f"10.9.2.{i}", serial=f"G{i}") for i in range(1, 6)]
    batch = [good[0], ambiguous, good[1], bad, *good[2:]]
    result = await reconcile(db, ACTOR, batch, RUN, batch=20)
    assert counts(result) == (5, 0, 0, 2)
    assert sorted((f.target, f.kind) for f in result.failures) == [
        ("10.1.0.2:161", "AMBIGUOUS"),
        ("10.9.1.1:161", "RECONCILE_FAILED"),
    ]
    names = [c["name"] for c in await cis(db)]
    assert names == ["by-mac", "by-serial", "g1", "g2", "g3", "g4", "g5"]
    tasks = await db.run_raw("MATCH (t:ReconciliationTask) RETURN count(t) AS n")
    assert tasks == [{"n": 1}]
