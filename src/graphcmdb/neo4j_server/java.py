"""Find a JDK that can run Neo4j 5.26 (Java 17 to 21)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from graphcmdb.config import Settings

from .errors import JavaNotFoundError, JavaVersionError

MIN_JAVA = 17
MAX_JAVA = 21

_VERSION_RE = re.compile(r'version "([^"]+)"')
_FIX = (
    "Install a JDK 17 or 21 (for example `apt-get install openjdk-17-jre-headless`) "
    "and point GRAPHCMDB_JAVA_HOME at its home directory (the folder containing bin/java)."
)


@dataclass(frozen=True)
class JavaInfo:
    executable: Path
    version: str
    major: int
    source: str  # "settings.java_home", "JAVA_HOME" or "PATH"


def parse_major(version: str) -> int:
    """Major version from a ``java -version`` string: ``1.8.0_292`` -> 8, ``17.0.15`` -> 17."""
    parts = re.split(r"[._+-]", version)
    if parts[0] == "1" and len(parts) > 1:
        return int(parts[1])
    return int(parts[0])


def _candidate(settings: Settings) -> tuple[Path, str]:
    """Where to look, in order: settings.java_home, $JAVA_HOME, ``java`` on PATH."""
    if settings.java_home is not None:
        return Path(settings.java_home) / "bin" / "java", "settings.java_home (GRAPHCMDB_JAVA_HOME)"
    env_home = os.environ.get("JAVA_HOME")
    if env_home:
        return Path(env_home) / "bin" / "java", "JAVA_HOME"
    on_path = shutil.which("java")
    if on_path is None:
        raise JavaNotFoundError(
            "No Java found: GRAPHCMDB_JAVA_HOME and JAVA_HOME are unset and there is no "
            f"`java` on PATH. Neo4j needs Java {MIN_JAVA} to {MAX_JAVA} to run. {_FIX}"
        )
    return Path(on_path), "PATH"


def find_java(settings: Settings) -> JavaInfo:
    """Locate ``java`` and check its major version; raise a clear error otherwise."""
    exe, source = _candidate(settings)
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        raise JavaNotFoundError(
            f"No Java executable at {exe} (taken from {source}). Neo4j needs Java "
            f"{MIN_JAVA} to {MAX_JAVA}. Fix that setting or unset it to fall back to the "
            f"next place we look. {_FIX}"
        )
    try:
        proc = subprocess.run(
            [str(exe), "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise JavaNotFoundError(f"Running `{exe} -version` failed ({exc}). {_FIX}") from exc
    match = _VERSION_RE.search(proc.stderr + proc.stdout)
    if match is None:
        raise JavaNotFoundError(
            f"`{exe} -version` (from {source}) did not print a recognisable version "
            f"(output: {(proc.stderr + proc.stdout).strip()[:200]!r}). {_FIX}"
        )
    version = match.group(1)
    major = parse_major(version)
    if not MIN_JAVA <= major <= MAX_JAVA:
        raise JavaVersionError(
            f"Found Java {major} (version {version}) at {exe}, taken from {source}, but "
            f"Neo4j 5.26 only runs on Java {MIN_JAVA} to {MAX_JAVA}. {_FIX}"
        )
    return JavaInfo(executable=exe, version=version, major=major, source=source)
