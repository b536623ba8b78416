UNWIND $ids AS id
MATCH (:Incident {id: id})-[:CAUSED_BY]->(c)
RETURN id, c {.*, labels: labels(c)} AS cause
