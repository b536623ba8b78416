MATCH (a:Asset {id: $assetId})-[r:TRACKS]->(c:CI)
DELETE r
SET a.updatedAt = datetime()
RETURN c.id AS ciId
