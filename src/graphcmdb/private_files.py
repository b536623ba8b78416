"""Owner-only places on disk: 0700 directories and 0600 files, never a readable moment.

Used for what must not be read by another local user: the state directory, the managed
Neo4j's data and logs (its store and transaction logs hold the graph), the sealing keys.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and each missing parent) with mode 0700; an existing directory
    this user owns that group or others can enter is tightened to 0700."""
    missing: list[Path] = []
    here = path
    while not here.exists():
        missing.append(here)
        here = here.parent
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made meanwhile by another process
            level.mkdir(mode=PRIVATE_DIR)
    info = path.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(path))
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        path.chmod(PRIVATE_DIR)
    return path


def open_to_others(path: Path) -> bool:
    """True when group or others have any permission on ``path``."""
    return bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def write_private(path: Path, data: bytes, *, replace: bool) -> bool:
    """Write ``data`` to ``path`` with mode 0600 from the first byte, in a 0700 directory,
    complete or not at all (a temporary file, synced, then moved into place). With
    ``replace=False`` an existing ``path`` is kept and False is returned."""
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            tmp.replace(path)
        else:
            try:
                os.link(tmp, path)  # fails when the name exists: never clobbers
            except FileExistsError:
                return False
        sync_dir(path.parent)
        return True
    finally:
        tmp.unlink(missing_ok=True)


def sync_dir(path: Path) -> None:
    """Make the directory's entries (a new or renamed file) survive a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
