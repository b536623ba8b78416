"""A managed Neo4j Community server: jars from Maven Central, run with ``java`` on loopback.

Public API: :func:`install`, :func:`start`, :func:`stop`, :func:`status`,
:func:`read_password`, their report types and the :class:`Neo4jProvisionError` family
(``PortInUse``, ``ServerDied``... are aliases of the ``...Error`` classes).
"""

from __future__ import annotations

from .errors import (
    ConfigError,
    JavaNotFound,
    JavaNotFoundError,
    JavaVersionError,
    MavenCentralUnreachable,
    MavenCentralUnreachableError,
    MavenError,
    MavenNotFound,
    MavenNotFoundError,
    Neo4jProvisionError,
    NotManaged,
    NotManagedError,
    PasswordError,
    PortInUse,
    PortInUseError,
    ServerDied,
    ServerDiedError,
    StartTimeout,
    StartTimeoutError,
)
from .install import InstallReport, install
from .password import read_password
from .process import Neo4jStatus, StartReport, start, status, stop

__all__ = [
    "ConfigError",
    "InstallReport",
    "JavaNotFound",
    "JavaNotFoundError",
    "JavaVersionError",
    "MavenCentralUnreachable",
    "MavenCentralUnreachableError",
    "MavenError",
    "MavenNotFound",
    "MavenNotFoundError",
    "Neo4jProvisionError",
    "Neo4jStatus",
    "NotManaged",
    "NotManagedError",
    "PasswordError",
    "PortInUse",
    "PortInUseError",
    "ServerDied",
    "ServerDiedError",
    "StartReport",
    "StartTimeout",
    "StartTimeoutError",
    "install",
    "read_password",
    "start",
    "status",
    "stop",
]
