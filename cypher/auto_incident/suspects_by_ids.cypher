// Each incident's root-cause candidates, best first.
UNWIND $ids AS id
MATCH (:Incident {id: id})-[r:SUSPECTS]->(c:CI)
RETURN id, r.rank AS rank, c {.*, labels: labels(c)} AS ci
ORDER BY id, rank, c.name, c.id
