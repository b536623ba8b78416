UNWIND $ids AS id
MATCH (:Change {id: id})-[:MODIFIES]->(ci:CI)
RETURN id, ci {.*, labels: labels(ci)} AS ci
ORDER BY id, ci.name, ci.id
