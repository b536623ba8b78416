// Recreate moved relationships on the kept CI, with their properties (types come from
// the existing relationships, never from input).
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.fromKey
MATCH (b) WHERE elementId(b) = row.toKey
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS moved
