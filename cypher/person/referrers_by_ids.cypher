// What still points at each person: the assets ASSIGNED_TO them, by asset tag.
UNWIND $ids AS id
MATCH (a:Asset)-[:ASSIGNED_TO]->(:Person {id: id})
RETURN id, 'assets' AS kind, a.id AS ref, a {.*, labels: labels(a)} AS item
ORDER BY id, a.assetTag
