"""Before/after: the same benchmarks against two source trees, in one session.

Each benchmark runs as a subprocess with the tree's ``src`` first on ``PYTHONPATH`` and
the tree as working directory; the trees alternate round by round, so both see the same
machine. What is compared is each run's ratio to its own in-process baseline (the
hand-written driver path), which cancels the machine's speed at that moment.

    .venv/bin/python -m benchmarks.trees --base ../wt-base --rounds 2

``--base`` is a checkout of the older commit (``git worktree add ../wt-base <commit>``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Bench:
    module: str
    args: tuple[str, ...]
    result: str

    def ratios(self, payload: dict[str, object]) -> dict[str, float]:
        """Each measured path's time over the baseline's, from the saved JSON."""
        if self.module == "impact":
            out: dict[str, float] = {}
            for size, res in payload.items():
                assert isinstance(res, dict)
                for name, sc in res["scenarios"].items():
                    out[f"{int(size):,} CIs: {name} (p50)"] = float(sc["ratio_p50"])
            return out
        timings = payload["timings_s"]
        assert isinstance(timings, dict)
        base_key = next(k for k in timings if k.startswith("baseline"))
        return {k: v / timings[base_key] for k, v in timings.items() if k != base_key}


BENCHES = {
    "upsert": Bench("upsert", ("--rows", "20000"), "upsert.json"),
    "import_assets": Bench("import_assets", ("--rows", "20000"), "import_assets.json"),
    "impact": Bench("impact", ("--sizes", "10000", "--rounds", "15"), "impact.json"),
}


def run_once(tree: Path, bench: Bench) -> dict[str, float]:
    env = os.environ | {"PYTHONPATH": f"{tree / 'src'}{os.pathsep}{tree}"}
    subprocess.run(
        [sys.executable, "-m", f"benchmarks.{bench.module}", *bench.args],
        cwd=tree,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    payload = json.loads((tree / "benchmarks" / "results" / bench.result).read_text())
    return bench.ratios(payload)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, required=True, help="checkout of the older commit")
    parser.add_argument("--head", type=Path, default=Path.cwd(), help="default: this tree")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), default=sorted(BENCHES))
    opts = parser.parse_args()
    console = Console()
    trees = {"before": opts.base.resolve(), "after": opts.head.resolve()}
    table = Table(title="x baseline, median of rounds (lower is better)")
    for col in ("benchmark", "path", "before", "after", "after / before"):
        table.add_column(col, justify="right" if col != "path" else "left")
    for name in opts.only:
        bench = BENCHES[name]
        seen: dict[str, dict[str, list[float]]] = {"before": {}, "after": {}}
        for round_no in range(opts.rounds):
            order = list(trees.items()) if round_no % 2 == 0 else list(trees.items())[::-1]
            for label, tree in order:
                console.print(f"{name}: round {round_no + 1}, {label} ({tree})")
                for path, ratio in run_once(tree, bench).items():
                    seen[label].setdefault(path, []).append(ratio)
        for path, before in seen["before"].items():
            after = seen["after"].get(path)
            if not after:
                continue
            b, a = statistics.median(before), statistics.median(after)
            table.add_row(name, path, f"{b:.2f}", f"{a:.2f}", f"{a / b:.2f}")
    console.print(table)


if __name__ == "__main__":
    main()
