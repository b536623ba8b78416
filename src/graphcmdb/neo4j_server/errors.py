"""Errors raised while provisioning, starting or stopping the managed Neo4j.

Every error is a :class:`Neo4jProvisionError`; each subclass names one cause and its
message is a single paragraph saying what is wrong and what to do about it.
"""

from __future__ import annotations


class Neo4jProvisionError(Exception):
    """Base class: the managed Neo4j could not be installed, started or stopped."""


class NotManagedError(Neo4jProvisionError):
    """``neo4j_uri`` is set, so there is no local server to manage."""


class JavaNotFoundError(Neo4jProvisionError):
    """No ``java`` executable where we looked."""


class JavaVersionError(Neo4jProvisionError):
    """A ``java`` was found but its major version cannot run this Neo4j."""


class MavenNotFoundError(Neo4jProvisionError):
    """``mvn`` is not on PATH, so the Neo4j jars cannot be resolved."""


class MavenCentralUnreachableError(Neo4jProvisionError):
    """Maven ran but could not download from Maven Central (network, proxy, mirror)."""


class MavenError(Neo4jProvisionError):
    """Maven failed for another reason (unknown version, broken local repository...)."""


class ConfigError(Neo4jProvisionError):
    """The Neo4j configuration derived from the settings is not acceptable."""


class PortInUseError(Neo4jProvisionError):
    """A port Neo4j must listen on is held by some other process."""


class PasswordError(Neo4jProvisionError):
    """The Neo4j password is unknown, rejected, or could not be set."""


class ServerDiedError(Neo4jProvisionError):
    """The Neo4j process exited before Bolt answered; the message carries its log tail."""


class StartTimeoutError(Neo4jProvisionError):
    """Neo4j did not answer on Bolt within ``neo4j_start_timeout_s``."""


# Short names used in the design notes; same classes.
NotManaged = NotManagedError
JavaNotFound = JavaNotFoundError
MavenNotFound = MavenNotFoundError
MavenCentralUnreachable = MavenCentralUnreachableError
PortInUse = PortInUseError
ServerDied = ServerDiedError
StartTimeout = StartTimeoutError


class BulkImportError(Neo4jProvisionError):
    """``neo4j-admin database import`` could not run, or refused the files."""
