"""An snmpsim process: its share of the simulated devices' recordings, one loopback
address each (the n-th address it listens on answers from its n-th data file)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graphcmdb.demo.network import processes
from graphcmdb.demo.network.layout import AgentLayout

TRANSPORT_DOMAIN = "1.3.6.1.6.1.1"  # snmpUDPDomain; endpoint n gets sub-identifier n
REGISTRATION_NOTE = "1.3.6.1.2.1.1.1.0|4|graphcmdb simnet: community registration only\n"


@dataclass(frozen=True)
class Recording:
    address: str  # where the device answers
    text: str


def bundled_recording(stem: str) -> str:
    """A recording that ships with snmpsim (its ``data/recorded`` folder)."""
    path = resources.files("snmpsim").joinpath("data", "recorded", f"{stem}.snmprec")
    return path.read_text(encoding="utf-8")


def _write_if_changed(path: Path, text: str) -> None:
    """Unchanged files keep their mtime, so snmpsim reuses its index of them."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_data(data_dir: Path, recordings: Sequence[Recording], community: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    wanted = {f"{TRANSPORT_DOMAIN}.{n}.snmprec": r.text for n, r in enumerate(recordings, start=1)}
    wanted[f"{community}.snmprec"] = REGISTRATION_NOTE
    for stale in data_dir.glob("*.snmprec"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in wanted.items():
        _write_if_changed(data_dir / name, text)


def _user_args(layout: AgentLayout) -> list[str]:
    args: list[str] = []
    for user in layout.v3_users:
        args += ["--v3-user", str(user.user)]
        args += ["--v3-auth-key", str(user.auth_key), "--v3-auth-proto", user.auth.replace("-", "")]
        args += ["--v3-priv-key", str(user.priv_key), "--v3-priv-proto", user.priv.replace("-", "")]
    return args


def command(home: Path, layout: AgentLayout, addresses: Sequence[str], port: int) -> list[str]:
    cmd = [sys.executable, "-m", "graphcmdb.demo.network.responder"]
    cmd += ["--cache-dir", str(home / "cache"), "--transport-id-offset", "1"]
    cmd += ["--logging-method", f"file:{home / 'snmpsim.log'}", "--log-level", "error"]
    cmd += ["--v3-engine-id", "auto", "--data-dir", str(home / "data"), *_user_args(layout)]
    for address in addresses:
        cmd += ["--agent-udpv4-endpoint", f"{address}:{port}"]
    return cmd


def start(home: Path, layout: AgentLayout, recordings: Sequence[Recording], port: int) -> int:
    """Write the recordings and start snmpsim; returns its pid (not yet answering)."""
    home.mkdir(parents=True, exist_ok=True)
    write_data(home / "data", recordings, layout.community)
    addresses = [r.address for r in recordings]
    # snmpsim refuses to run as root unless told it may: it binds unprivileged ports on
    # loopback only, and its files live in the caller's state dir.
    env = {"SNMPSIM_ALLOW_ROOT": "true"}
    return processes.spawn(command(home, layout, addresses, port), home / "stdout.log", env)
