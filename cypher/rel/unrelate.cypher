MATCH (a:Entity {id: $fromId})-[r:$($type)]->(b:Entity {id: $toId})
WITH r, r {.*, type: type(r)} AS before
DELETE r
RETURN before
