UNWIND $ids AS id
MATCH (s:Service {id: id})
RETURN s {.*, labels: labels(s)} AS service
