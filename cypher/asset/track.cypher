MATCH (a:Asset {id: $assetId}), (c:CI {id: $ciId})
MERGE (a)-[r:TRACKS]->(c)
ON CREATE SET r.createdAt = datetime()
SET a.updatedAt = datetime()
RETURN a.id AS assetId, c.id AS ciId
