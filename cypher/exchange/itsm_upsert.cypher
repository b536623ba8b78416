// Incidents or changes from an import by number ($label from the import kind): created
// with row.defaults, or left alone when every given property already matches (no
// updatedAt bump), so a re-import changes nothing.
// $($label): written as the enum's value before sending (db/queries.fixed); Neo4j 5.26
// plans a dynamic label or type as a scan of everything, with a filter.
UNWIND $rows AS row
MERGE (n:$($label) {number: row.number})
ON CREATE SET n:Entity, n.id = row.id, n.name = row.number, n.createdAt = $now,
              n.updatedAt = $now, n += row.defaults
WITH n, row, n.createdAt = $now AS created
WITH n, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (n, row, changed) {
  WITH n, row WHERE changed
  SET n += row.props, n.updatedAt = $now
}
RETURN row.idx AS idx, n.id AS id, n.number AS number, created, changed
