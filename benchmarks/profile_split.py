"""Where an API's time goes: a py-spy raw profile split into phases by its innermost frame.

    py-spy record -p <API pid> -r 200 -f raw -o impact.txt   # while impact requests run
    .venv/bin/python -m benchmarks.profile_split impact.txt

Run the API with ``GRAPHCMDB_EXPENSIVE_WORKER=false`` so that one process does everything
(else profile the worker, ``graphcmdb.api.expensive_worker``). Idle samples (the event
loop waiting) are left out; the shares are of busy samples.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

#: (marker in a frame, phase), the first that matches from the innermost frame outwards
PHASES = (
    ("(neo4j/", "driver (Bolt decode, I/O)"),
    ("(json/", "JSON encode"),
    ("impact_fetch", "building the NeedsGraph from rows"),
    ("graphcmdb/impact/", "engine (fixpoint + witnesses)"),
    ("services/impact.py", "report build + sort"),
    ("services/visible", "redaction"),
    ("api/graphql/impact/", "GraphQL objects (to_report)"),
    ("api/graphql/compact", "one-pass completion"),
    ("(graphql/", "graphql-core/strawberry completion"),
    ("(strawberry/", "graphql-core/strawberry completion"),
    ("graphcmdb/", "graphcmdb other (middleware, sessions)"),
)


def phase(frames: list[str]) -> str | None:
    if frames[-1].startswith("Runner.run") or "EpollSelector.select" in frames[-1]:
        return None  # uvloop or the selector waiting: idle
    for frame in reversed(frames):
        for marker, name in PHASES:
            if marker in frame:
                return name
    return "HTTP/ASGI/other"


def split(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        name = phase(stack.split(";"))
        if name is not None:
            counts[name] += int(samples)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile", type=Path, help="py-spy record -f raw output")
    counts = split(parser.parse_args().profile)
    busy = sum(counts.values())
    print(f"busy samples: {busy}")
    for name, samples in counts.most_common():
        print(f"  {name:40s} {100 * samples / busy:5.1f} %")


if __name__ == "__main__":
    main()
