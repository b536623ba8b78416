// Nodes of a graph dump, labels checked against the enums before this runs; answers
// each node's number in the dump with its new element id.
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.n AS n, elementId(n) AS eid
