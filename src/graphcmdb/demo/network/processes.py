"""Background agent processes: start detached, find by pid file, stop only our own."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

#: children this process started, kept so that stopping one also reaps it
_children: dict[int, subprocess.Popen[bytes]] = {}


def spawn(cmd: Sequence[str], log: Path, env: Mapping[str, str] | None = None) -> int:
    """Start ``cmd`` in its own session (it outlives this process), output to ``log``."""
    with log.open("ab") as out:
        proc = subprocess.Popen(
            list(cmd),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
    _children[proc.pid] = proc
    return proc.pid


def run_daemon(cmd: Sequence[str], env: Mapping[str, str], timeout: float = 30.0) -> None:
    """Run a program that forks into the background and returns (snmpd)."""
    subprocess.run(
        list(cmd),
        env={**os.environ, **env},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=True,
        timeout=timeout,
        start_new_session=True,
    )


def read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _reaped(pid: int) -> bool:
    child = _children.get(pid)
    return child is not None and child.poll() is not None


def running(pid: int | None, marker: str) -> bool:
    """Whether ``pid`` is alive and its command line mentions ``marker`` (our state dir),
    so that a recycled pid of somebody else's process is never taken for ours."""
    if pid is None or _reaped(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return marker.encode() in cmdline


def stop(pid: int | None, marker: str, timeout: float = 10.0) -> None:
    """SIGTERM, then SIGKILL after ``timeout``; a no-op for processes that are not ours."""
    if pid is None or not running(pid, marker):
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while running(pid, marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    if running(pid, marker):
        os.kill(pid, signal.SIGKILL)
    child = _children.pop(pid, None)
    if child is not None:
        child.wait(timeout)


def udp_port_free(addresses: Sequence[str], port: int) -> bool:
    sockets: list[socket.socket] = []
    try:
        for address in addresses:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sockets.append(s)
            s.bind((address, port))
    except OSError:
        return False
    finally:
        for s in sockets:
            s.close()
    return True


def free_udp_port(addresses: Sequence[str], preferred: int, attempts: int = 50) -> int:
    """``preferred`` if it is free on every address, else a free ephemeral port."""
    if udp_port_free(addresses, preferred):
        return preferred
    for _ in range(attempts):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((addresses[0], 0))
            port = int(s.getsockname()[1])
        if udp_port_free(addresses, port):
            return port
    raise RuntimeError(f"no UDP port is free on all of {len(addresses)} loopback addresses")
