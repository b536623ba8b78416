"""Import with a preview in the built explorer, in Debian's Chromium against the real API,
Neo4j and demo data (web/tests/e2e-import.mjs): upload a CSV of CIs, see the identity
engine's plan row by row as the API's dry run gives it (nothing written), skip the invalid
row, apply, find the new and the updated CI (no duplicate) and the report; map a file's
differently named columns, fix a cell inline and apply. The screenshot of the preview is
copied to docs/ with GRAPHCMDB_UPDATE_DOC_IMAGES=1.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import Explorer
from tests.web.test_browser import run_script, update_doc_images

DOC_IMAGES = {"explorer-import.png": "explorer-import.png"}


@pytest.mark.slow
def test_a_file_is_previewed_fixed_and_applied_in_the_explorer(explorer: Explorer) -> None:
    out = run_script(
        "tests/e2e-import.mjs", explorer, GRAPHCMDB_EDITOR_TOKEN=explorer.data.editor_token
    )
    assert "IMPORT_OK" in out
    update_doc_images(DOC_IMAGES)
