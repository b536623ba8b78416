MATCH (a:Entity {id: $fromId})-[r]->(b:Entity {id: $toId})
WHERE type(r) = $type
WITH r, r {.*, type: type(r)} AS before
DELETE r
RETURN before
