UNWIND $ids AS id
MATCH (n:Vendor {id: id})
RETURN n {.*, labels: labels(n)} AS node
