UNWIND $ids AS id
MATCH (i:Incident {id: id})
RETURN i {.*, labels: labels(i)} AS incident
