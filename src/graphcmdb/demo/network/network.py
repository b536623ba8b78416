"""Start, find and stop the whole simulated network (snmpsim + Debian snmpd agents).

State lives under one directory: ``network.json`` (port, devices, pids), ``snmpsim-<k>/``
(one per simulator process: its recordings, index cache, log) and ``snmpd-<name>/``
(config, pid file, log).

The snmpsim devices are shared out in contiguous blocks over ``simulators`` processes
(by default one per core, at most four): one Python process answering every agent is
the ceiling of a scan at any concurrency.
"""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from graphcmdb.demo.network import probe, processes, snmpd_agent, snmpsim_agent
from graphcmdb.demo.network.build import build_devices
from graphcmdb.demo.network.layout import AgentLayout, load_layout
from graphcmdb.demo.network.records import recording
from graphcmdb.demo.network.topology import Topology, load_topology, scaled
from graphcmdb.discovery.credentials import Credentials
from graphcmdb.graph.enums import CIClass

STATE_FILE = "network.json"
SNMPSIM = "snmpsim"
MAX_SIMULATORS = 4


def default_simulators() -> int:
    """One snmpsim process per core, at most ``MAX_SIMULATORS``."""
    return max(1, min(MAX_SIMULATORS, os.cpu_count() or 1))


class SimnetError(RuntimeError):
    """The network could not be started."""


#: what the ``demo`` extra installs; the simulator runs in a subprocess that imports them
EXTRA_MODULES = ("snmpsim", "pysmi")
INSTALL_HINT = "pip install 'graphcmdb[demo]'"


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:  # an import hook that refuses it
        return False


def require_demo_extra() -> None:
    """Refuse to start without the simulator's packages, saying how to install them."""
    missing = [m for m in EXTRA_MODULES if not _installed(m)]
    if missing:
        raise SimnetError(
            f"The simulated network needs the demo extra ({', '.join(missing)} missing): "
            f"{INSTALL_HINT}"
        )


@dataclass(frozen=True)
class SimTarget:
    """One simulated device as a scan target."""

    name: str
    host: str
    port: int
    agent: str  # "snmpsim" or "snmpd"
    expect: CIClass  # the class the scanner should find
    process: str = ""  # the process answering it: "snmpsim-<k>" or "snmpd-<name>"

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Network:
    state_dir: Path
    port: int
    devices: tuple[SimTarget, ...]
    pids: dict[str, int]
    scale: int = 1  # every group's count multiplied by this (topology.scaled)

    @property
    def targets(self) -> list[str]:
        return [d.target for d in self.devices]

    @property
    def layout(self) -> AgentLayout:
        return load_layout()

    @property
    def v2c(self) -> Credentials:
        return self.layout.v2c

    @property
    def v3(self) -> Credentials:
        return self.layout.v3

    def device(self, name: str) -> SimTarget:
        return next(d for d in self.devices if d.name == name)

    def stop(self) -> None:
        stop_network(self.state_dir)


def _marker(state_dir: Path) -> str:
    return str(state_dir.resolve())


def _save(network: Network) -> None:
    data = {
        "port": network.port,
        "scale": network.scale,
        "devices": [asdict(d) for d in network.devices],
        "pids": network.pids,
    }
    (network.state_dir / STATE_FILE).write_text(json.dumps(data, indent=2), encoding="utf-8")


def _load(state_dir: Path) -> Network | None:
    try:
        data = json.loads((state_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    devices = tuple(
        SimTarget(
            d["name"], d["host"], d["port"], d["agent"], CIClass(d["expect"]), d.get("process", "")
        )
        for d in data["devices"]
    )
    scale = int(data.get("scale", 1))
    return Network(state_dir, int(data["port"]), devices, dict(data["pids"]), scale)


def network_status(state_dir: Path) -> Network | None:
    """The running network of ``state_dir``, or None when any of its agents is down."""
    network = _load(state_dir)
    if network is None:
        return None
    marker = _marker(state_dir)
    alive = all(processes.running(pid, marker) for pid in network.pids.values())
    return network if alive and network.pids else None


def stop_network(state_dir: Path) -> bool:
    """Stop every agent this state dir started; True when something was running."""
    network = _load(state_dir)
    if network is None:
        return False
    marker = _marker(state_dir)
    was_running = any(processes.running(pid, marker) for pid in network.pids.values())
    for pid in network.pids.values():
        processes.stop(pid, marker)
    (state_dir / STATE_FILE).unlink(missing_ok=True)
    return was_running


def _shares(count: int, simulators: int) -> list[range]:
    """Devices 0..count-1 in contiguous blocks, one per simulator process."""
    processes = max(1, min(simulators, count))
    bounds = [count * k // processes for k in range(processes + 1)]
    return [range(bounds[k], bounds[k + 1]) for k in range(processes)]


def _simulator_of(index: int, shares: list[range]) -> str:
    return next(f"{SNMPSIM}-{k}" for k, share in enumerate(shares, 1) if index in share)


def _plan(
    topology: Topology, layout: AgentLayout, port: int, simulators: int, scale: int = 1
) -> list[SimTarget]:
    devices = build_devices(topology)
    names = [d.name for d in devices] + [b.recording for b in topology.bundled]
    expects = [d.expect for d in devices] + [b.expect for b in topology.bundled]
    shares = _shares(len(names), simulators)
    plan = [
        SimTarget(
            name,
            layout.snmpsim_address(n, scaled=scale > 1),
            port,
            SNMPSIM,
            expect,
            _simulator_of(n - 1, shares),
        )
        for n, (name, expect) in enumerate(zip(names, expects, strict=True), start=1)
    ]
    plan += [
        SimTarget(s.name, s.address, port, "snmpd", CIClass.SERVER, f"snmpd-{s.name}")
        for s in layout.snmpd
    ]
    return plan


def _recordings(
    topology: Topology, plan: list[SimTarget]
) -> dict[str, list[snmpsim_agent.Recording]]:
    """Each simulator process's recordings, in the order of its addresses."""
    devices = build_devices(topology)
    by_name = {d.name: d for d in devices}
    texts = [recording(d, topology.site, by_name) for d in devices]
    texts += [snmpsim_agent.bundled_recording(b.recording) for b in topology.bundled]
    shares: dict[str, list[snmpsim_agent.Recording]] = {}
    for target, text in zip((t for t in plan if t.agent == SNMPSIM), texts, strict=True):
        shares.setdefault(target.process, []).append(snmpsim_agent.Recording(target.host, text))
    return shares


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _start_agents(
    state_dir: Path, topology: Topology, layout: AgentLayout, plan: list[SimTarget], port: int
) -> dict[str, int]:
    pids: dict[str, int] = {}
    for process, recordings in _recordings(topology, plan).items():
        pids[process] = snmpsim_agent.start(state_dir / process, layout, recordings, port)
    for spec in layout.snmpd:  # snmpd starts in milliseconds, while snmpsim indexes
        pid = snmpd_agent.start(spec, state_dir / f"snmpd-{spec.name}", layout, topology.site, port)
        if pid is None:
            raise SimnetError(f"snmpd {spec.name} wrote no pid file")
        pids[f"snmpd-{spec.name}"] = pid
    return pids


def _wait_ready(network: Network, community: str, timeout: float) -> None:
    """Wait for the last address of each agent process (snmpsim binds its endpoints in
    order)."""
    last: dict[str, SimTarget] = {}
    for device in network.devices:
        last[device.process] = device
    for process, device in last.items():
        if not probe.wait_until_answers(device.host, device.port, community, timeout):
            log = network.state_dir / process / f"{device.agent}.log"
            raise SimnetError(f"{process} did not answer on {device.target}:\n{_log_tail(log)}")


def start_network(
    state_dir: Path,
    port: int | None = None,
    timeout: float = 120.0,
    *,
    scale: int = 1,
    simulators: int | None = None,
) -> Network:
    """Start the simulated network under ``state_dir`` (or return it when it runs).

    ``port``: the UDP port of every agent; by default ``agents.toml``'s, or a free one
    when that is taken on any of the network's loopback addresses. ``scale``: every group
    of the topology that many times (``topology.scaled``; hundreds of agents for the
    benchmark). ``simulators``: snmpsim processes (``default_simulators()``).
    """
    require_demo_extra()
    state_dir = state_dir.resolve()
    running = network_status(state_dir)
    if running is not None and port in (None, running.port) and running.scale == scale:
        return running
    stop_network(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    topology, layout = scaled(load_topology(), scale), load_layout()
    simulators = simulators or default_simulators()
    hosts = [t.host for t in _plan(topology, layout, 0, simulators, scale)]
    chosen = port or processes.free_udp_port(hosts, layout.port)
    plan = _plan(topology, layout, chosen, simulators, scale)
    try:
        pids = _start_agents(state_dir, topology, layout, plan, chosen)
        network = Network(state_dir, chosen, tuple(plan), pids, scale)
        _save(network)
        _wait_ready(network, layout.community, timeout)
    except BaseException:
        stop_network(state_dir)
        raise
    return network
