"""``neo4j-admin database import full`` into the managed server's database.

Neo4j's offline importer writes the store files directly, without transactions: the
fastest first load there is, and only into a stopped server's database, which it
replaces. The jars are those the server runs from (``neo4j-import-tool`` comes with
``neo4j-command-line``); the importer gets the heap the stopped server would have, and
its page cache (at least 1 GiB) as working memory.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphcmdb.config import Settings

from .conf import write_conf
from .errors import BulkImportError
from .install import install
from .java import find_java
from .memory import plan_memory
from .process import require_managed, running_pid

#: ``(stage, done, total)``: how many of the importer's steps are done
Progress = Callable[[str, int, int], None]
STAGE = "neo4j-admin import"
#: the steps ``--verbose`` reports ("Nodes, started ...", "Done in 1s 773ms"), 14 in 5.26
STAGES = 14
_DONE = re.compile(r"^Done in ")
#: the importer needs about a gigabyte of working memory even for a small graph
MIN_OFF_HEAP = 1 << 30
#: the importer's default read buffer; a row must fit in one, so it grows with the longest
READ_BUFFER = 4 << 20


@dataclass(frozen=True)
class ImportSource:
    """One CSV file: the labels of its nodes (``A:B``) or the type of its relationships.

    ``name`` is the file's name in the import folder: the importer splits its file lists
    at commas and reads each name as a pattern, so no directory goes on its command line
    (it runs in the folder)."""

    names: str
    name: str
    multiline: bool = False


def import_command(
    settings: Settings,
    java: Path,
    lib: Path,
    nodes: Sequence[ImportSource],
    relationships: Sequence[ImportSource],
    array_delimiter: str,
    longest_row: int,
) -> list[str]:
    plan = plan_memory(settings)
    off_heap = max(plan.pagecache_bytes, MIN_OFF_HEAP)
    multiline = [s.name for s in (*nodes, *relationships) if s.multiline]
    return [
        str(java), f"-Xmx{plan.heap_bytes}", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool",
        "database", "import", "full", settings.neo4j_database, "--verbose",
        "--overwrite-destination", "--id-type=integer", "--bad-tolerance=0",
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
        f"--max-off-heap-memory={off_heap}",
        f"--read-buffer-size={max(READ_BUFFER, 2 * longest_row + READ_BUFFER)}",
        f"--report-file={settings.neo4j_dir / 'logs' / 'import.report'}",
        *(f"--nodes={s.names}={s.name}" for s in nodes),
        *(f"--relationships={s.names}={s.name}" for s in relationships),
        *(["--multiline-fields-format=v2", f"--multiline-fields={','.join(multiline)}"]
          if multiline else []),
    ]  # fmt: skip


def import_full(
    settings: Settings,
    folder: Path,
    nodes: Sequence[ImportSource],
    relationships: Sequence[ImportSource],
    array_delimiter: str,
    longest_row: int,
    progress: Progress,
) -> float:
    """Replace the managed server's database with the graph of the files in ``folder``;
    the server must be stopped. Returns the importer's seconds; :class:`BulkImportError`
    with what it said. Interrupted, the importer is killed before this returns."""
    require_managed(settings)
    if running_pid(settings) is not None:
        raise BulkImportError(
            f"Neo4j of {settings.neo4j_dir} is running; the offline import writes its "
            "store files and needs it stopped."
        )
    java = find_java(settings)
    lib = install(settings).lib_dir
    write_conf(settings)
    (settings.neo4j_dir / "logs").mkdir(parents=True, exist_ok=True)
    cmd = import_command(
        settings, java.executable, lib, nodes, relationships, array_delimiter, longest_row
    )
    env = dict(os.environ, NEO4J_HOME=str(settings.neo4j_dir),
               NEO4J_CONF=str(settings.neo4j_dir / "conf"))  # fmt: skip
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, env=env, cwd=folder, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace",
    )  # fmt: skip
    try:
        said = _follow(proc, progress)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    if proc.returncode != 0:
        raise BulkImportError(
            f"neo4j-admin database import failed (exit {proc.returncode}): {_last_words(said)}"
        )
    return time.monotonic() - started


def _follow(proc: subprocess.Popen[str], progress: Progress) -> list[str]:
    """Count the importer's stages as it finishes them; its lines but the progress bars."""
    said: list[str] = []
    done = 0
    progress(STAGE, 0, STAGES)
    assert proc.stdout is not None  # Popen was given stdout=PIPE
    for text in proc.stdout:
        if _DONE.match(text):
            done += 1
            progress(STAGE, min(done, STAGES), STAGES)
        elif not text.startswith("[*"):
            said.append(text)
    progress(STAGE, STAGES, STAGES)
    return said


def _last_words(said: list[str], limit: int = 8) -> str:
    """The importer's last lines but stack frames: where it says why it stopped."""
    kept = [t.strip() for t in said if t.strip() and not t.lstrip().startswith(("at ", "... "))]
    return " | ".join(kept[-limit:])[:2000]
