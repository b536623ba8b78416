"""What can be carried inside another statement (``db/nestable.py``), and that the
catalogue's statements can, but for the few that must not."""

from __future__ import annotations

import pytest

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.nestable import named, nestable


@pytest.mark.parametrize(
    ("text", "can"),
    [
        ("MATCH (n) RETURN n.id AS id ORDER BY id LIMIT 3", True),
        ("// it's a comment: CYPHER, USE\nMATCH (n) RETURN n AS n", True),
        ("/* it's a block */ MATCH (n:Show) WHERE n.use = $use RETURN n AS n", True),
        ("MATCH (n) WHERE n.s = 'IN TRANSACTIONS' RETURN n AS n", True),
        ("CYPHER runtime=slotted MATCH (n) RETURN n AS n", False),
        ("USE other MATCH (n) RETURN n AS n", False),
        ("EXPLAIN MATCH (n) RETURN n AS n", False),
        ("SHOW INDEXES YIELD name RETURN name", False),
        ("CALL () { MATCH (n) SET n.x = 1 } IN TRANSACTIONS RETURN 1 AS one", False),
        ("MATCH (n) CALL (n) { SET n.x = 1 } IN 2 CONCURRENT TRANSACTIONS OF 10 ROWS", False),
        ("MATCH (n) WHERE n.x = '$a' RETURN n AS n", False),  # a $ that is no parameter
        ("", False),
    ],
)
def test_what_can_be_nested(text: str, can: bool) -> None:
    assert nestable(text) is can


def test_columns_must_be_plain_names() -> None:
    assert named(("id", "end", "_x1"))
    assert not named(("n.id",))
    assert not named(())


def test_only_the_catalogue_batches_in_transactions_cannot_be_nested() -> None:
    catalogue = get_catalogue()
    refused = {name: catalogue.text(name) for name in catalogue.names}
    refused = {name: text for name, text in refused.items() if not nestable(text)}
    assert 0 < len(refused) < 10
    assert all("} IN TRANSACTIONS" in text for text in refused.values())
