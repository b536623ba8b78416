MATCH (a:Asset {id: $assetId}), (c:Contract {id: $contractId})
WITH a, c, EXISTS { (a)-[:COVERED_BY]->(c) } AS existed
MERGE (a)-[r:COVERED_BY]->(c)
ON CREATE SET r.createdAt = datetime()
RETURN a.id AS assetId, c.id AS contractId, existed
