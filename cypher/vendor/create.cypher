CREATE (n:Entity:Vendor {id: $id})
SET n += $props, n.createdAt = datetime(), n.updatedAt = datetime()
RETURN n {.*, labels: labels(n)} AS node
