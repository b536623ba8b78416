// Relationships between nodes given by id, one per pair and type, with createdAt as the
// link mutations set it; a link whose properties already match is left alone. `single`:
// the source keeps no other link of the type (one holder, place, cause); `oneToOne`: the
// target neither, so a target already linked from another source is left as it is (TRACKS).
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
WITH a, b, row
WHERE NOT (row.oneToOne AND EXISTS { MATCH (o)-[x:$(row.type)]->(b) WHERE o <> a })
MERGE (a)-[r:$(row.type)]->(b)
ON CREATE SET r.createdAt = $now
WITH a, b, row, r, r.createdAt = $now AS created
WITH a, b, row, r,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(r[k] = row.props[k], r[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (r, row, changed) {
  WITH r, row WHERE changed
  SET r += row.props
}
CALL (a, b, row) {
  WITH a, b, row WHERE row.single
  MATCH (a)-[old:$(row.type)]->(o) WHERE o <> b
  DELETE old
  RETURN count(old) AS dropped
}
RETURN row.type AS type, a.id AS fromId, changed OR dropped > 0 AS changed
