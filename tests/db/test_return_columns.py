"""``return_columns`` reads the columns a statement returns; where it names them, Neo4j
agrees, for every statement of the catalogue (plain, scoped and history twin)."""

from __future__ import annotations

import pytest

from graphcmdb.db.catalogue import get_catalogue
from graphcmdb.db.database import Database
from graphcmdb.db.return_columns import return_columns


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("MATCH (n) RETURN n", ("n",)),
        ("MATCH (n) RETURN n.id AS id, count(*) AS n ORDER BY id LIMIT 3", ("id", "n")),
        ("MATCH (n) RETURN DISTINCT n.id AS id", ("id",)),
        (
            "MATCH (n) RETURN n {.*, labels: labels(n)} AS node, [x IN [1, 2] | x] AS xs",
            ("node", "xs"),
        ),
        ("CALL () { MATCH (a) RETURN a AS x UNION MATCH (b) RETURN b AS x } RETURN x AS y", ("y",)),
        ("MATCH (a) RETURN a.id AS id UNION ALL MATCH (b) RETURN b.id AS id", ("id",)),
        ("// it's a comment, RETURN nothing\nMATCH (n) RETURN n.id AS `id`", ("id",)),
        ("MATCH (n) WHERE n.s = 'a, RETURN b' RETURN n.s AS s, 'x, y' AS t", ("s", "t")),
        ("MATCH (n) RETURN CASE WHEN n.a THEN 1 ELSE 2 END AS k // trailing, comment", ("k",)),
        ("MATCH (n) RETURN n.id", None),  # an unnamed column
        ("MATCH (n) RETURN *", None),
        ("MATCH (n) RETURN n.a AS x, n.b AS x", None),  # the same name twice
        ("MATCH (n) SET n.x = 1", None),  # no RETURN
    ],
)
def test_columns_are_read_from_the_last_top_level_return(
    text: str, columns: tuple[str, ...] | None
) -> None:
    assert return_columns(text) == columns


async def test_every_catalogue_statement_returns_what_neo4j_says(db: Database) -> None:
    catalogue = get_catalogue()
    texts = {
        name: catalogue.text(name) for name in catalogue.names if name not in catalogue.must_fix
    }
    texts |= {f"scoped {name}": catalogue.scoped_text(name) for name in catalogue.scoped_names}
    named = {name: text for name, text in texts.items() if return_columns(text) is not None}
    assert len(named) > 0.9 * len(texts)  # all but the few that return unnamed columns
    wrong = {}
    async with db.driver.session(database=db.database) as session:
        for name, text in named.items():
            result = await session.run("EXPLAIN " + text)
            keys = tuple(result.keys())
            await result.consume()
            if keys != return_columns(text):
                wrong[name] = (keys, return_columns(text))
    assert wrong == {}
