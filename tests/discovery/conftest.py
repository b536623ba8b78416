"""The simulated SNMP network (snmpsim + Debian snmpd on loopback), one per test session,
and one SNMPv2c scan of all of it that the scanner tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graphcmdb.demo.network import Network, start_network
from graphcmdb.demo.network.snmpd_agent import SnmpdMissing
from graphcmdb.discovery.observation import Observation, ScanResult
from graphcmdb.discovery.scanner import ScanOptions, scan
from graphcmdb.discovery.session import Timing


@pytest.fixture(scope="session")
def simnet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Network]:
    try:
        network = start_network(tmp_path_factory.mktemp("simnet"))
    except SnmpdMissing as exc:  # `make test` installs it; a bare `pytest` may not have
        pytest.fail(str(exc))
    yield network
    network.stop()


@pytest.fixture(scope="session")
async def v2c_scan(simnet: Network) -> ScanResult:
    # snmpsim answers from one Python process: generous timeouts keep a busy machine
    # (other test sessions on the same two cores) from turning slowness into failures
    patient = ScanOptions(timing=Timing(timeout=3.0, retries=1))
    return await scan(simnet.targets, credentials=simnet.v2c, concurrency=8, options=patient)


@pytest.fixture(scope="session")
def observed(simnet: Network, v2c_scan: ScanResult) -> dict[str, Observation]:
    """Observations by simulated device name."""
    names = {d.target: d.name for d in simnet.devices}
    return {names[o.target]: o for o in v2c_scan.observations}
