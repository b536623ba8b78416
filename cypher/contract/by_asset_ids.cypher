UNWIND $ids AS id
MATCH (:Asset {id: id})-[:COVERED_BY]->(c:Contract)
RETURN id, c {.*, labels: labels(c)} AS contract
ORDER BY id, c.endDate, c.number
