CREATE (n:Entity:Contract {id: $id})
SET n += $props, n.createdAt = datetime(), n.updatedAt = n.createdAt
RETURN n {.*, labels: labels(n)} AS contract
