UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
MERGE (a)-[r:$(row.type)]->(b)
ON CREATE SET r.id = row.relId, r.createdAt = $now
SET r += row.props
RETURN count(r) AS written
