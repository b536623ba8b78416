"""The simulated network is the ``demo`` extra: core graphcmdb imports and runs without
snmpsim and pysmi, and ``graphcmdb demo network`` says how to install them."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: run first in the child: snmpsim and pysmi cannot be imported (as if not installed)
BLOCKER = """
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('snmpsim', 'pysmi'):
            raise ModuleNotFoundError(f'blocked: {name}', name=name)
        return None
sys.meta_path.insert(0, Blocker())
"""


def run_blocked(code: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "COLUMNS": "200",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }
    return subprocess.run(
        [sys.executable, "-c", BLOCKER + code],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_core_imports_nothing_of_the_extra() -> None:
    done = run_blocked(
        "import graphcmdb.cli.main, graphcmdb.api.app, graphcmdb.demo, graphcmdb.demo.network\n"
        "import graphcmdb.cli.demo_network_cmd\n"
        "assert not {'snmpsim', 'pysmi'} & {m.split('.')[0] for m in sys.modules}\n"
        "print('ok')"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_demo_network_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    done = run_blocked(
        "from typer.testing import CliRunner\n"
        "from graphcmdb.cli.main import app\n"
        f"r = CliRunner().invoke(app, ['demo', 'network', 'start', '--state-dir', {str(tmp_path)!r}])\n"
        "print(r.exit_code); print(r.output)\n"
        f"r = CliRunner().invoke(app, ['demo', 'discover', '--state-dir', {str(tmp_path)!r}])\n"
        "print(r.exit_code); print(r.output)"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.count("1") == 2, done.stdout
    assert done.stdout.count("pip install 'graphcmdb[demo]'") == 2, done.stdout


def test_the_extra_holds_the_simulator_and_make_installs_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"])
    assert "snmpsim" not in core
    assert "pysmi" not in core
    assert "pysnmp" in core  # the scanner's, core
    demo = " ".join(project["optional-dependencies"]["demo"])
    assert "snmpsim" in demo
    assert "pysmi" in demo
    assert '-e ".[dev,demo]"' in (ROOT / "Makefile").read_text()
