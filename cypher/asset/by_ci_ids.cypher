UNWIND $ids AS id
MATCH (a:Asset)-[:TRACKS]->(:CI {id: id})
RETURN id, a {.*, labels: labels(a)} AS asset
