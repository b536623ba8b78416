UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c {.*, labels: labels(c)} AS ci
