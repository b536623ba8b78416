UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.*, labels: labels(n)} AS node
