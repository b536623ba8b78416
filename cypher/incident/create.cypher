// An incident and what it AFFECTS (targets checked by the caller) in one statement.
CREATE (i:Entity:Incident {id: $id})
SET i += $props, i.createdAt = datetime(), i.updatedAt = datetime()
WITH i
CALL (i) {
  UNWIND $affects AS targetId
  MATCH (t:Entity {id: targetId})
  MERGE (i)-[:AFFECTS]->(t)
}
RETURN i {.*, labels: labels(i)} AS incident
