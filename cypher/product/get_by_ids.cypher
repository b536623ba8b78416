UNWIND $ids AS id
MATCH (n:SoftwareProduct {id: id})
RETURN n {.*, labels: labels(n)} AS product
