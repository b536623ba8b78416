UNWIND $ids AS id
MATCH (a:Asset {id: id})
RETURN a {.*, labels: labels(a)} AS asset
