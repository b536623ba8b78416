"""Resolve the Neo4j server jars from Maven Central into the shared cache.

Layout under ``settings.cache_dir / "neo4j" / <version>``: ``pom.xml`` (generated),
``lib/`` (the jars) and ``complete.json`` (written last; without it ``lib/`` is treated
as a half-finished download and redone).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graphcmdb.config import Settings

from ._util import locked
from .errors import MavenCentralUnreachableError, MavenError, MavenNotFoundError

Progress = Callable[[str], None]

DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.6.1"
ARTIFACTS = (
    ("org.neo4j.app", "neo4j-server"),
    ("org.neo4j", "neo4j"),
    ("org.neo4j", "neo4j-command-line"),
)
# Substrings of Maven output that mean "the repository could not be reached".
NETWORK_MARKERS = (
    "could not transfer",
    "failed to transfer",
    "transfer failed",
    "unknown host",
    "unknownhostexception",
    "connection refused",
    "connect timed out",
    "read timed out",
    "no route to host",
    "network is unreachable",
    "temporary failure in name resolution",
    "pkix path building failed",
)
MARKER_NAME = "complete.json"


@dataclass(frozen=True)
class InstallReport:
    lib_dir: Path
    bytes: int
    jar_count: int
    seconds: float
    cached: bool


def version_dir(settings: Settings) -> Path:
    return Path(settings.cache_dir).expanduser().resolve() / "neo4j" / settings.neo4j_version


def lib_dir(settings: Settings) -> Path:
    return version_dir(settings) / "lib"


def render_pom(version: str) -> str:
    deps = "\n".join(
        f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
        f"<version>{version}</version></dependency>"
        for g, a in ARTIFACTS
    )
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <groupId>graphcmdb</groupId><artifactId>neo4j-runtime</artifactId>"
        "<version>1</version><packaging>pom</packaging>\n"
        f"  <dependencies>\n{deps}\n  </dependencies>\n</project>\n"
    )


def _jar_stats(lib: Path) -> tuple[int, int]:
    jars = list(lib.glob("*.jar"))
    return len(jars), sum(j.stat().st_size for j in jars)


def _cached_report(settings: Settings, started: float) -> InstallReport | None:
    """Report for a complete earlier install, or None when it must be (re)done."""
    marker = version_dir(settings) / MARKER_NAME
    lib = lib_dir(settings)
    if not marker.is_file() or not lib.is_dir():
        return None
    try:
        recorded = json.loads(marker.read_text())
        expected = int(recorded["jar_count"])
    except (ValueError, KeyError, TypeError):
        return None
    count, size = _jar_stats(lib)
    if count != expected or count == 0:
        return None
    return InstallReport(lib, size, count, time.monotonic() - started, cached=True)


def install(settings: Settings, progress: Progress | None = None) -> InstallReport:
    """Make sure the jars for ``settings.neo4j_version`` are in the cache (idempotent)."""
    say = progress or (lambda _msg: None)
    started = time.monotonic()
    vdir = version_dir(settings)
    with locked(vdir / ".lock"):
        cached = _cached_report(settings, started)
        if cached is not None:
            return cached
        mvn = shutil.which("mvn")
        if mvn is None:
            raise MavenNotFoundError(
                f"Maven (`mvn`) is not on PATH, so the Neo4j {settings.neo4j_version} jars "
                f"cannot be downloaded into {lib_dir(settings)}. Install Maven 3.6 or newer "
                "(for example `apt-get install maven`) and make sure `mvn` is on PATH, then "
                "run the command again."
            )
        return _download(settings, mvn, say, started)


def _download(settings: Settings, mvn: str, say: Progress, started: float) -> InstallReport:
    vdir = version_dir(settings)
    lib, partial = vdir / "lib", vdir / "lib.partial"
    (vdir / MARKER_NAME).unlink(missing_ok=True)
    for stale in (lib, partial):
        if stale.exists():
            shutil.rmtree(stale)
    pom = vdir / "pom.xml"
    pom.write_text(render_pom(settings.neo4j_version))
    say(f"Resolving Neo4j {settings.neo4j_version} jars with Maven into {lib} ...")
    cmd = [
        mvn, "-B", "-U", "--no-transfer-progress", "-f", str(pom), *settings.maven_args,
        f"{DEPENDENCY_PLUGIN}:copy-dependencies",
        f"-DoutputDirectory={partial}", "-DincludeScope=runtime",
    ]  # fmt: skip
    output = _run_maven(cmd, vdir)
    if output is not None:
        shutil.rmtree(partial, ignore_errors=True)
        raise _maven_error(settings, output)
    partial.rename(lib)
    count, size = _jar_stats(lib)
    seconds = time.monotonic() - started
    (vdir / MARKER_NAME).write_text(
        json.dumps({"jar_count": count, "bytes": size, "seconds": round(seconds, 2)})
    )
    say(f"Downloaded {count} jars ({size / 1e6:.1f} MB) in {seconds:.1f} s.")
    return InstallReport(lib, size, count, seconds, cached=False)


def _run_maven(cmd: list[str], cwd: Path) -> str | None:
    """Run Maven; None on success, else its combined output."""
    env = dict(os.environ)
    env.pop("MAVEN_ARGS", None)  # Maven 3.9 would prepend these; our args are explicit.
    try:
        proc = subprocess.run(
            cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except OSError as exc:
        return f"could not run {cmd[0]}: {exc}"
    if proc.returncode == 0:
        return None
    return proc.stdout + proc.stderr


def _maven_error(settings: Settings, output: str) -> Exception:
    lines = [ln for ln in output.splitlines() if "[ERROR]" in ln and ln.strip() != "[ERROR]"]
    detail = " | ".join(ln.replace("[ERROR]", "").strip() for ln in lines[:3])
    detail = detail or output.strip()[-600:]
    lowered = output.lower()
    if any(marker in lowered for marker in NETWORK_MARKERS):
        return MavenCentralUnreachableError(
            f"Maven could not download the Neo4j {settings.neo4j_version} jars because the "
            "repository was unreachable (Maven Central, or a mirror set in your Maven "
            "settings.xml). Check network access to https://repo.maven.apache.org, any "
            "proxy or mirror in ~/.m2/settings.xml and GRAPHCMDB_MAVEN_ARGS, then retry. "
            f"Maven said: {detail}"
        )
    if "could not find artifact" in lowered:
        return MavenError(
            f"Maven Central has no Neo4j {settings.neo4j_version} artifacts; check "
            f"GRAPHCMDB_NEO4J_VERSION (a 5.26.x release is expected). Maven said: {detail}"
        )
    return MavenError(
        f"Maven failed to resolve the Neo4j {settings.neo4j_version} jars. Fix the problem "
        f"below (or rerun with GRAPHCMDB_MAVEN_ARGS='[\"-e\"]' for details) and retry. "
        f"Maven said: {detail}"
    )
