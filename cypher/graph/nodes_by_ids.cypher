UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.id, .name, .status, labels: labels(n)} AS node
