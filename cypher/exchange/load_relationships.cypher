// Relationships of a graph dump between nodes loaded by the same transaction (element
// ids), types checked against the enum before this runs.
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
