UNWIND $ids AS id
MATCH (n:Contract {id: id})
RETURN n {.*, labels: labels(n)} AS contract
