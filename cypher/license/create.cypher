MATCH (p:SoftwareProduct {id: $productId})
CREATE (l:Entity:License {id: $id})
SET l += $props, l.createdAt = datetime(), l.updatedAt = datetime()
CREATE (l)-[:FOR {createdAt: datetime()}]->(p)
RETURN l {.*, labels: labels(l)} AS license
