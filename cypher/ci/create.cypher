CREATE (c:Entity:CI {id: $id})
SET c:$($ciClass)
SET c += $props, c.ciClass = $ciClass, c.createdAt = datetime(), c.updatedAt = datetime()
RETURN c {.*, labels: labels(c)} AS ci
