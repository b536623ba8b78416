// Replaces the asset's ASSIGNED_TO link; a null $targetId only removes it.
MATCH (a:Asset {id: $assetId})
CALL (a) {
  MATCH (a)-[old:ASSIGNED_TO]->(:Person)
  DELETE old
}
OPTIONAL MATCH (t:Person {id: $targetId})
CALL (a, t) {
  WITH a, t WHERE t IS NOT NULL
  CREATE (a)-[:ASSIGNED_TO {createdAt: datetime()}]->(t)
}
SET a.updatedAt = datetime()
RETURN a.id AS id, t.id AS targetId
