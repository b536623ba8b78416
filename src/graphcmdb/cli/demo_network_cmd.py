"""``graphcmdb demo network start|stop|status``: the simulated SNMP network on loopback
(snmpsim devices + Debian snmpd), to try discovery against real agents; ``graphcmdb demo
discover``: start it when needed and discover all of it into the graph, live."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from graphcmdb import neo4j_server
from graphcmdb.cli.common import console, err_console, table
from graphcmdb.cli.discover_cmd import ScanSettings, print_outcome, run_snmp_discovery
from graphcmdb.config import get_settings
from graphcmdb.demo.network import (
    Network,
    SimnetError,
    network_status,
    require_demo_extra,
    start_network,
)
from graphcmdb.demo.network import stop_network as stop_agents
from graphcmdb.demo.network.snmpd_agent import SnmpdMissing

app = typer.Typer(help="The simulated SNMP network (snmpsim + Debian snmpd on loopback).")

STATE_DIR = typer.Option(
    None, "--state-dir", help="Where the network keeps its files (default: <state_dir>/simnet)."
)


def _state_dir(state_dir: Path | None) -> Path:
    return state_dir or get_settings().state_dir / "simnet"


def _show(network: Network) -> None:
    rows = [(d.name, d.target, d.agent, d.expect.value) for d in network.devices]
    table(f"Simulated network ({len(rows)} agents)", ["device", "target", "agent", "class"], rows)
    v3 = network.v3
    first, last = network.devices[0], network.devices[-1]
    console.print(f"SNMPv2c community: [bold]{network.layout.community}[/bold]")
    console.print(
        f"SNMPv3 user: [bold]{v3.user}[/bold] auth {v3.auth} key {v3.auth_key}, "
        f"priv {v3.priv} key {v3.priv_key}"
    )
    console.print(f"Targets: {first.host} .. {last.host}, UDP port {network.port}")


@app.command()
def start(
    port: int | None = typer.Option(
        None, "--port", help="UDP port of every agent (default 16100, or a free one)."
    ),
    state_dir: Path | None = STATE_DIR,
) -> None:
    """Start the network (or show it, when it already runs)."""
    try:
        network = start_network(_state_dir(state_dir), port=port)
    except (SimnetError, SnmpdMissing) as exc:
        err_console.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    _show(network)


@app.command()
def stop(state_dir: Path | None = STATE_DIR) -> None:
    """Stop every agent the network started."""
    stopped = stop_agents(_state_dir(state_dir))
    console.print("Simulated network stopped." if stopped else "Simulated network was not running.")


@app.command()
def status(state_dir: Path | None = STATE_DIR) -> None:
    """Show the running network's targets; exit 1 when it is not running."""
    network = network_status(_state_dir(state_dir))
    if network is None:
        console.print("Simulated network is not running.")
        raise typer.Exit(1)
    _show(network)


def _start(state_dir: Path | None, port: int | None) -> Network:
    try:
        return start_network(_state_dir(state_dir), port=port)
    except (SimnetError, SnmpdMissing) as exc:
        err_console.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc


def discover(
    v3: bool = typer.Option(
        False, "--v3", help="Scan with SNMPv3 (SHA-256/AES) instead of the v2c community."
    ),
    concurrency: int = typer.Option(16, "--concurrency", min=1, max=256),
    port: int | None = typer.Option(None, "--port", help="UDP port when starting the network."),
    state_dir: Path | None = STATE_DIR,
) -> None:
    """Discover the simulated network into the graph (starting Neo4j and the network
    when they are not running), with live progress; run it again to see nothing change."""
    try:
        require_demo_extra()  # before starting Neo4j for nothing
    except SimnetError as exc:
        err_console.print(f"[red]error[/red] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    settings = get_settings()
    if settings.managed_neo4j:
        try:
            neo4j_server.start(settings)  # reuses a running instance
        except neo4j_server.Neo4jProvisionError as exc:
            err_console.print(f"[red]error[/red] {escape(str(exc))}")
            raise typer.Exit(1) from exc
    network = _start(state_dir, port)
    credentials = network.v3 if v3 else network.v2c
    first, last = network.devices[0], network.devices[-1]
    console.print(
        f"Simulated network: {len(network.devices)} agents, {first.host} .. {last.host} "
        f"UDP port {network.port}; scanning with {credentials.describe()}."
    )
    options = ScanSettings(concurrency=concurrency, timeout=2.0, retries=1, port=network.port)
    outcome = run_snmp_discovery(network.targets, credentials, None, options, prepare=True)
    print_outcome(outcome)
    console.print(
        "Again: [bold]graphcmdb demo discover[/bold] (every device is seen unchanged); "
        "with SNMPv3: [bold]--v3[/bold] (linux-stale refuses the keys). Your own devices: "
        "[bold]graphcmdb discover snmp --help[/bold]."
    )
