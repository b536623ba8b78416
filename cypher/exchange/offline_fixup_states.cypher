// After an offline import and its schema: the fix-ups of entities (offline_fixup_nodes)
// set on their version one too, which the files wrote without them. $rows: {id, props}.
UNWIND $rows AS row
MATCH (:Timeline {id: row.id})-[:STATE]->(s:State)
SET s += row.props
RETURN count(s) AS n
