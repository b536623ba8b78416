"""Graph editing in Debian's Chromium against the real API, Neo4j and demo data.

web/tests/e2e-graph-edit.mjs signs in with an editor's token and drives every flow end to
end, checking each against the API's own answer: a relationship drawn by dragging from one
CI onto another (the API then has it; an illegal pair shows the API's typed refusal in the
popover and nothing is written or drawn), a bulk edit of three selected CIs (status and
environment written; a criticality the API refuses is shown beside its field and nothing
changes), and "Open incident" from an impact result (pre-filled with the impacted services
and the CI the impact was run from; the API lists the incident with exactly those). The
screenshot explorer-relate.png goes to test-artifacts/ and, with
GRAPHCMDB_UPDATE_DOC_IMAGES=1, to docs/.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import Explorer
from tests.web.test_browser import run_script, update_doc_images

DOC_IMAGES = {"explorer-relate.png": "explorer-relate.png"}


@pytest.mark.slow
def test_relate_by_drag_bulk_edit_and_incident_from_impact(explorer: Explorer) -> None:
    out = run_script(
        "tests/e2e-graph-edit.mjs", explorer, GRAPHCMDB_TOKEN=explorer.data.editor_token
    )
    assert "GRAPH_EDIT_OK" in out
    update_doc_images(DOC_IMAGES)
