"""House rule from issue 12: small modules, no source file over 400 lines."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "graphcmdb"
LIMIT = 400


def test_no_source_file_over_the_limit() -> None:
    sizes = {p: len(p.read_text().splitlines()) for p in SRC.rglob("*.py")}
    assert len(sizes) > 100  # the tree was found
    over = {str(p.relative_to(SRC)): n for p, n in sizes.items() if n > LIMIT}
    assert not over, f"split these modules (over {LIMIT} lines): {over}"
