"""Scan targets: hosts, ``host:port``, CIDR ranges (``10.0.0.0/28``, ``10.0.0.0/28:1161``),
IPv6 (``[2001:db8::1]:161``) and files of them (``@targets.txt``: one or more per line,
``#`` comments)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PORT = 161
MAX_TARGETS = 65_536  # a /16: larger ranges are almost certainly a typo
_BRACKETED = re.compile(r"^\[(?P<host>[^\]]+)\](?::(?P<port>\d+))?$")
_HOST_PORT = re.compile(r"^(?P<host>[^:\s]+)(?::(?P<port>\d+))?$")


class TargetError(ValueError):
    """A target that cannot be parsed; the message names it."""


@dataclass(frozen=True)
class Target:
    host: str
    port: int = DEFAULT_PORT

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"


def _port(text: str | None, default: int, spec: str) -> int:
    if text is None:
        return default
    port = int(text)
    if not 0 < port < 65536:
        raise TargetError(f"'{spec}': port {port} is not between 1 and 65535")
    return port


def _split(spec: str, default_port: int) -> tuple[str, int]:
    """Host (or range) and port of one spec."""
    match = _BRACKETED.match(spec) or _HOST_PORT.match(spec)
    if match:
        return match["host"], _port(match["port"], default_port, spec)
    try:  # a bare IPv6 address or range: every colon belongs to the address
        ipaddress.ip_network(spec, strict=False)
    except ValueError:
        raise TargetError(f"'{spec}' is not a host, host:port, CIDR range or @file") from None
    return spec, default_port


def _hosts(host: str, spec: str) -> Iterator[str]:
    if "/" not in host:
        yield host
        return
    try:
        network = ipaddress.ip_network(host, strict=False)
    except ValueError as exc:
        raise TargetError(f"'{spec}': {exc}") from None
    if network.num_addresses > MAX_TARGETS:
        raise TargetError(f"'{spec}' has {network.num_addresses} addresses (at most {MAX_TARGETS})")
    # hosts() leaves out the network and broadcast addresses, except in /31 and /32
    yield from (str(address) for address in network.hosts())


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def network_of(spec: str) -> Network | None:
    """The addresses one spec names, as a network (an address is a /32 or /128); None
    for a host name or a targets file (what it names is known only when it is read or
    resolved). Raises :class:`TargetError` for what is not a target."""
    spec = spec.strip()
    if spec.startswith("@"):
        return None
    host, _ = _split(spec, DEFAULT_PORT)
    try:
        return ipaddress.ip_network(host, strict=False)
    except ValueError:
        if "/" in host:
            raise TargetError(f"'{spec}' is not a valid CIDR range") from None
        return None


def read_target_file(path: Path) -> list[str]:
    """The specs of a targets file: whitespace or comma separated, ``#`` starts a comment."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TargetError(f"cannot read targets file {path}: {exc.strerror}") from None
    specs: list[str] = []
    for line in text.splitlines():
        specs += line.split("#", 1)[0].replace(",", " ").split()
    return specs


def _expand(spec: str, default_port: int) -> Iterator[Target]:
    spec = spec.strip()
    if not spec:
        return
    if spec.startswith("@"):
        for inner in read_target_file(Path(spec[1:])):
            if inner.startswith("@"):
                raise TargetError(f"'{inner}' in {spec[1:]}: target files do not nest")
            yield from _expand(inner, default_port)
        return
    host, port = _split(spec, default_port)
    for address in _hosts(host, spec):
        yield Target(address, port)


def parse_targets(specs: Iterable[str], default_port: int = DEFAULT_PORT) -> list[Target]:
    """Every target of ``specs``, in order, each once."""
    seen: dict[Target, None] = {}
    for spec in specs:
        for target in _expand(spec, default_port):
            seen.setdefault(target)
            if len(seen) > MAX_TARGETS:
                raise TargetError(f"more than {MAX_TARGETS} targets")
    return list(seen)
