// The incidents CAUSED_BY each given node (a change or a CI), newest first.
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:CAUSED_BY]-(i:Incident)
RETURN id, i {.*, labels: labels(i)} AS incident
ORDER BY id, i.number DESC
