// Relationships from an import, between nodes given by id: one per pair and type (the
// type comes from the relationship specs, checked per row before this runs); a new one
// gets an id and createdAt as `relate` gives them; one whose properties already match is
// left alone, so a re-import changes nothing.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId}), (b:Entity {id: row.toId})
OPTIONAL MATCH (a)-[existing]->(b) WHERE type(existing) = row.type
WITH a, b, row, head(collect(existing)) AS existing
CALL (a, b, row, existing) {
  WITH a, b, row, existing WHERE existing IS NULL
  CREATE (a)-[r:$(row.type)]->(b)
  SET r.id = row.relId, r.createdAt = $now, r += row.props
  RETURN r, true AS created, true AS changed
  UNION ALL
  WITH row, existing WHERE existing IS NOT NULL
  WITH row, existing,
       any(k IN keys(row.props)
           WHERE NOT coalesce(existing[k] = row.props[k],
                              existing[k] IS NULL AND row.props[k] IS NULL)) AS changed
  CALL (row, existing, changed) {
    WITH row, existing WHERE changed
    SET existing += row.props
  }
  RETURN existing AS r, false AS created, changed
}
RETURN row.key AS key, a.id AS fromId, b.id AS toId, created, changed,
       r {.*, type: type(r)} AS after
