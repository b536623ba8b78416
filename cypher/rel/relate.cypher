// See relate_batch.cypher for why this is not a MERGE with a dynamic type.
MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
OPTIONAL MATCH (a)-[existing]->(b)
WHERE type(existing) = $type
WITH a, b, head(collect(existing)) AS existing
CALL (a, b, existing) {
  WITH a, b, existing WHERE existing IS NULL
  CREATE (a)-[r:$($type)]->(b)
  SET r.id = $relId, r.createdAt = datetime()
  RETURN r, null AS before
  UNION ALL
  WITH existing WHERE existing IS NOT NULL
  RETURN existing AS r, properties(existing) AS before
}
SET r += $props
RETURN r {.*, type: type(r)} AS rel, before, a.id AS source, b.id AS target
