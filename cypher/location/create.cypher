CREATE (n:Entity:Location {id: $id})
SET n += $props, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*, labels: labels(n)} AS node
