UNWIND $ids AS id
MATCH (n:Location {id: id})
RETURN n {.*, labels: labels(n)} AS node
