UNWIND $rows AS row
MERGE (c:CI {ciClass: row.ciClass, name: row.name})
ON CREATE SET c:Entity, c.id = row.id, c.createdAt = $now, c += row.defaults
SET c:$(row.ciClass)
SET c += row.props, c.updatedAt = $now
RETURN c.id AS id, c.createdAt = $now AS created
