"""Editing in the explorer, in Debian's Chromium against the real API and Neo4j.

web/tests/e2e-forms.mjs drives it: an admin signs in with a password and creates, edits
and deletes a CI through the forms (a bad address, an empty name and a duplicate are
refused with the API's message next to the field, and the API reads nothing changed);
creates a service, contract, licence, asset, incident and change; moves an asset, an
incident and a change with the lifecycle buttons, which must be the API's
allowedTransitions. A viewer is offered no edit button. The screenshot of a refused edit
lands in test-artifacts/ (docs/ with GRAPHCMDB_UPDATE_DOC_IMAGES=1).
"""

from __future__ import annotations

import pytest

from tests.web.conftest import ADMIN_USER, VIEWER_USER, Explorer
from tests.web.test_browser import run_script, update_doc_images

DOC_IMAGES = {"explorer-edit.png": "explorer-edit.png"}


@pytest.mark.slow
def test_people_edit_where_they_look(explorer: Explorer) -> None:
    (admin, admin_password, _), (viewer, viewer_password, _) = ADMIN_USER, VIEWER_USER
    out = run_script(
        "tests/e2e-forms.mjs",
        explorer,
        GRAPHCMDB_EDITOR_TOKEN=explorer.data.editor_token,
        GRAPHCMDB_ADMIN_USER=admin,
        GRAPHCMDB_ADMIN_PASSWORD=admin_password,
        GRAPHCMDB_VIEWER_USER=viewer,
        GRAPHCMDB_VIEWER_PASSWORD=viewer_password,
        GRAPHCMDB_RUN_TAG="42",  # the screenshot shows crm-app-42, the same every run
    )
    assert "FORMS_OK" in out
    update_doc_images(DOC_IMAGES)
