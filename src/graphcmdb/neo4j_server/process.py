"""Start, stop and inspect the managed Neo4j java process."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from neo4j.exceptions import AuthError

from graphcmdb.config import Settings

from . import bolt
from ._util import locked, tail
from .conf import conf_dir, conf_value, started_sizes, write_conf
from .errors import (
    NotManagedError,
    PasswordError,
    PortInUseError,
    ServerDiedError,
    StartTimeoutError,
)
from .install import Progress, install
from .java import JavaInfo, find_java
from .memory import MemoryPlan, plan_memory
from .password import ensure_password, read_password

MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
PID_FILE = "graphcmdb-neo4j.pid"
CONSOLE_LOG = "neo4j-console.log"
JVM_FLAGS = (
    "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048", "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
)  # fmt: skip

# Popen objects of servers started by this Python process, kept so they are not
# garbage-collected (ResourceWarning) and so their exit can be reaped.
_CHILDREN: dict[int, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class StartReport:
    pid: int
    bolt_uri: str
    seconds: float
    reused: bool
    password: str
    #: the sizes a launched server got; None when a running one was reused
    memory: MemoryPlan | None = None
    #: its heap and page cache, for people (a reused one's from the conf it started with)
    sizes: str = ""


@dataclass(frozen=True)
class Neo4jStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    version: str | None
    home: Path
    answering: bool
    #: from the conf the running server was started with (None when not running)
    heap: str | None = None
    pagecache: str | None = None


def pid_file(settings: Settings) -> Path:
    return settings.neo4j_dir / "run" / PID_FILE


def console_log(settings: Settings) -> Path:
    return settings.neo4j_dir / "logs" / CONSOLE_LOG


def _lock_file(settings: Settings) -> Path:
    return settings.neo4j_dir / "run" / "graphcmdb.lock"


def _alive(pid: int) -> bool:
    """True if ``pid`` runs and is not a zombie (reaping it if it is our child)."""
    child = _CHILDREN.get(pid)
    if child is not None:
        return child.poll() is None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no procfs: trust kill(0)
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _is_our_server(pid: int, settings: Settings) -> bool:
    """Guard against pid reuse: the process must be Neo4j with this home dir."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except FileNotFoundError:
        return False
    except OSError:
        return True  # no procfs: trust the pid file
    home_arg = f"--home-dir={settings.neo4j_dir}".encode()
    return MAIN_CLASS.encode() in argv and home_arg in argv


def running_pid(settings: Settings) -> int | None:
    """Pid of this state dir's server if it is running (pid file + live process)."""
    try:
        pid = int(pid_file(settings).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    if _alive(pid) and _is_our_server(pid, settings):
        return pid
    return None


def _running_bolt_port(settings: Settings) -> int:
    """Bolt port the running server was started with (its conf), else the setting."""
    address = conf_value(settings, "server.bolt.listen_address")
    return settings.neo4j_bolt_port if address is None else int(address.rsplit(":", 1)[1])


def _check_ports(settings: Settings) -> None:
    ports = {"Bolt": settings.neo4j_bolt_port}
    if settings.neo4j_http_port is not None:
        ports["HTTP"] = settings.neo4j_http_port
    for name, port in ports.items():
        if not bolt.port_bindable(port):
            env = "GRAPHCMDB_NEO4J_BOLT_PORT" if name == "Bolt" else "GRAPHCMDB_NEO4J_HTTP_PORT"
            raise PortInUseError(
                f"Port {port} on {bolt.LOOPBACK}, needed for Neo4j's {name} connector, is "
                f"already in use by another process (not the graphcmdb Neo4j of "
                f"{settings.neo4j_dir}). Stop that process (`ss -ltnp 'sport = :{port}'` "
                f"shows which one) or set {env} to a free port, then start again."
            )


def _java_command(settings: Settings, java: JavaInfo, lib: Path) -> list[str]:
    home = settings.neo4j_dir
    classpath = f"{home / 'plugins'}/*:{conf_dir(settings)}/*:{lib}/*"
    heap = plan_memory(settings).heap
    return [
        str(java.executable), "-cp", classpath, *JVM_FLAGS, f"-Xms{heap}", f"-Xmx{heap}",
        MAIN_CLASS, f"--home-dir={home}", f"--config-dir={conf_dir(settings)}",
        "--console-mode",
    ]  # fmt: skip


def _spawn(settings: Settings, java: JavaInfo, lib: Path) -> subprocess.Popen[bytes]:
    home = settings.neo4j_dir
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(conf_dir(settings)))
    with console_log(settings).open("wb") as log:
        proc = subprocess.Popen(
            _java_command(settings, java, lib), cwd=home, env=env, stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    _CHILDREN[proc.pid] = proc
    tmp = pid_file(settings).with_suffix(".tmp")
    tmp.write_text(f"{proc.pid}\n")
    tmp.replace(pid_file(settings))
    return proc


def _wait_ready(settings: Settings, pid: int, password: str, deadline: float) -> None:
    """Poll Bolt until ``RETURN 1`` works; raise if the process dies or time runs out."""
    port = _running_bolt_port(settings)
    while True:
        if not _alive(pid):
            raise _died(settings, pid, port)
        try:
            bolt.probe(port, settings.neo4j_user, password)
            return
        except AuthError as exc:
            raise PasswordError(
                f"Neo4j on {bolt.bolt_uri(port)} rejected the password for user "
                f"{settings.neo4j_user!r} (from GRAPHCMDB_NEO4J_PASSWORD or "
                f"{settings.neo4j_password_file}). Put the right password there, or stop "
                f"the server and delete {settings.neo4j_dir / 'data'} to start afresh."
            ) from exc
        except bolt.NotAnsweringError:
            pass
        if time.monotonic() >= deadline:
            raise StartTimeoutError(
                f"Neo4j (pid {pid}) did not answer on {bolt.bolt_uri(port)} within "
                f"{settings.neo4j_start_timeout_s:g} s (a server start() launched itself is "
                "stopped again). A slow machine or a large database may need more time: "
                "raise GRAPHCMDB_NEO4J_START_TIMEOUT_S. "
                f"Last lines of {console_log(settings)}:\n{tail(console_log(settings))}"
            )
        time.sleep(0.25)


def _died(settings: Settings, pid: int, port: int) -> ServerDiedError:
    child = _CHILDREN.get(pid)
    code = f" with code {child.returncode}" if child is not None else ""
    log = console_log(settings)
    return ServerDiedError(
        f"Neo4j (pid {pid}) exited{code} before Bolt answered on {bolt.bolt_uri(port)}. "
        "Fix the cause shown in its log (often a bad GRAPHCMDB_NEO4J_EXTRA_CONF entry, too "
        f"little memory, or a damaged data dir in {settings.neo4j_dir / 'data'}) and start "
        f"again. Last lines of {log}:\n{tail(log)}"
    )


def _terminate(pid: int, timeout: float) -> None:
    """SIGTERM, wait up to ``timeout``, then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 10.0)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
        end = time.monotonic() + wait
        while time.monotonic() < end:
            if not _alive(pid):
                _CHILDREN.pop(pid, None)
                return
            time.sleep(0.1)


def require_managed(settings: Settings) -> None:
    if not settings.managed_neo4j:
        raise NotManagedError(
            f"GRAPHCMDB_NEO4J_URI is set ({settings.neo4j_uri}), so graphcmdb uses that "
            "Neo4j and does not manage a local one. Unset GRAPHCMDB_NEO4J_URI to use the "
            "managed server."
        )


def start(settings: Settings, progress: Progress | None = None) -> StartReport:
    """Install if needed, then start (or reuse) this state dir's Neo4j; wait for Bolt."""
    require_managed(settings)
    started = time.monotonic()
    with locked(_lock_file(settings)):
        pid = running_pid(settings)
        if pid is not None:
            return _reuse(settings, pid, started)
        return _launch(settings, progress, started)


def _reuse(settings: Settings, pid: int, started: float) -> StartReport:
    """The server of this state dir already runs: wait until it answers, then hand it out."""
    password = read_password(settings)
    if password is None:
        raise PasswordError(
            f"Neo4j of {settings.neo4j_dir} is running (pid {pid}) but its password file "
            f"{settings.neo4j_password_file} is missing and GRAPHCMDB_NEO4J_PASSWORD is "
            "unset. Set the password, or stop the server, delete its data dir and start again."
        )
    _wait_ready(settings, pid, password, started + settings.neo4j_start_timeout_s)
    uri = bolt.bolt_uri(_running_bolt_port(settings))
    heap, cache = started_sizes(settings)
    sizes = f"heap {heap}, page cache {cache} (as the running server was started)"
    return StartReport(pid, uri, time.monotonic() - started, True, password, sizes=sizes)


def _launch(settings: Settings, progress: Progress | None, started: float) -> StartReport:
    """Check java and ports, install, write conf and password, spawn and wait for Bolt."""
    java = find_java(settings)
    _check_ports(settings)
    report = install(settings, progress)
    write_conf(settings)
    password = ensure_password(settings, java, report.lib_dir)
    if progress is not None:
        progress(f"Starting Neo4j {settings.neo4j_version} from {settings.neo4j_dir} ...")
    proc = _spawn(settings, java, report.lib_dir)
    try:
        _wait_ready(settings, proc.pid, password, started + settings.neo4j_start_timeout_s)
    except BaseException:
        _terminate(proc.pid, timeout=10.0)
        pid_file(settings).unlink(missing_ok=True)
        raise
    uri = bolt.bolt_uri(settings.neo4j_bolt_port)
    seconds, plan = time.monotonic() - started, plan_memory(settings)
    return StartReport(proc.pid, uri, seconds, False, password, plan, plan.describe())


def stop(settings: Settings, timeout: float = 60) -> bool:
    """Stop this state dir's server: SIGTERM, SIGKILL after ``timeout``. True if it ran."""
    with locked(_lock_file(settings)):
        pid = running_pid(settings)
        if pid is None:
            pid_file(settings).unlink(missing_ok=True)
            return False
        _terminate(pid, timeout)
        pid_file(settings).unlink(missing_ok=True)
        return True


def status(settings: Settings) -> Neo4jStatus:
    """Whether this state dir's server runs and answers an authenticated ``RETURN 1``."""
    pid = running_pid(settings)
    port = _running_bolt_port(settings) if pid is not None else settings.neo4j_bolt_port
    version: str | None = None
    heap, cache = started_sizes(settings) if pid is not None else (None, None)
    password = read_password(settings)
    if pid is not None and password is not None:
        with contextlib.suppress(AuthError, bolt.NotAnsweringError):
            version = bolt.probe(port, settings.neo4j_user, password)
    return Neo4jStatus(
        running=pid is not None,
        pid=pid,
        bolt_uri=bolt.bolt_uri(port),
        version=version,
        home=settings.neo4j_dir,
        answering=version is not None,
        heap=heap,
        pagecache=cache,
    )
