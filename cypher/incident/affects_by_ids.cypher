UNWIND $ids AS id
MATCH (:Incident {id: id})-[:AFFECTS]->(n)
RETURN id, n {.*, labels: labels(n)} AS node
ORDER BY id, n.name, n.id
