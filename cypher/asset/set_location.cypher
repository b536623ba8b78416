// Replaces the asset's LOCATED_AT link; a null $targetId only removes it.
MATCH (a:Asset {id: $assetId})
CALL (a) {
  MATCH (a)-[old:LOCATED_AT]->(:Location)
  DELETE old
}
OPTIONAL MATCH (t:Location {id: $targetId})
CALL (a, t) {
  WITH a, t WHERE t IS NOT NULL
  CREATE (a)-[:LOCATED_AT {createdAt: datetime()}]->(t)
}
SET a.updatedAt = datetime()
RETURN a.id AS id, t.id AS targetId
