UNWIND $ids AS id
MATCH (n:Person {id: id})
RETURN n {.*, labels: labels(n)} AS node
