// What still points at each location: the assets LOCATED_AT it, by asset tag.
UNWIND $ids AS id
MATCH (a:Asset)-[:LOCATED_AT]->(:Location {id: id})
RETURN id, 'assets' AS kind, a.id AS ref, a {.*, labels: labels(a)} AS item
ORDER BY id, a.assetTag
