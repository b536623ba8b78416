"""Ask a Neo4j over Bolt whether it answers an authenticated ``RETURN 1``."""

from __future__ import annotations

import socket

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

LOOPBACK = "127.0.0.1"


class NotAnsweringError(Exception):
    """Bolt is not (yet) serving queries."""


def bolt_uri(port: int) -> str:
    return f"bolt://{LOOPBACK}:{port}"


def port_open(port: int, timeout: float = 1.0) -> bool:
    """True when something accepts TCP connections on loopback ``port``."""
    try:
        with socket.create_connection((LOOPBACK, port), timeout=timeout):
            return True
    except OSError:
        return False


def port_bindable(port: int) -> bool:
    """True when we could listen on loopback ``port`` ourselves (i.e. it is free)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # SO_REUSEADDR as the JVM sets it: TIME_WAIT leftovers do not count as "taken".
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def probe(port: int, user: str, password: str, timeout: float = 3.0) -> str:
    """Run ``RETURN 1`` on the default database; return the server version.

    Raises :class:`neo4j.exceptions.AuthError` when the password is rejected and
    :class:`NotAnsweringError` for anything that may still change while the server starts.
    """
    if not port_open(port, timeout=min(timeout, 1.0)):
        raise NotAnsweringError(f"nothing listens on {LOOPBACK}:{port}")
    try:
        with (
            GraphDatabase.driver(
                bolt_uri(port),
                auth=(user, password),
                connection_timeout=timeout,
                connection_acquisition_timeout=timeout,
            ) as driver,
            driver.session() as session,
        ):
            record = session.run("RETURN 1 AS one").single()
            if record is None or record["one"] != 1:
                raise NotAnsweringError("RETURN 1 gave no row")
            comp = session.run(
                "CALL dbms.components() YIELD versions RETURN versions[0] AS v"
            ).single()
            return str(comp["v"]) if comp is not None else "unknown"
    except AuthError:
        raise
    except (DriverError, Neo4jError, OSError) as exc:
        raise NotAnsweringError(str(exc)) from exc
