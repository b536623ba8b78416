MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MERGE (a)-[r:$($type)]->(b)
ON CREATE SET r.id = $relId, r.createdAt = datetime()
WITH a, b, r, properties(r) AS before
SET r += $props
RETURN r {.*, type: type(r)} AS rel, before, a.id AS source, b.id AS target
