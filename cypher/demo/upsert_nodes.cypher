// Create-or-refresh the demo's ITAM nodes by id (Vendor, Location, Person, Asset, Contract,
// SoftwareProduct, License), shaped as their create mutations shape them. A node whose
// stored fields already match is left alone (no updatedAt bump), so a reload is a no-op.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n:$(row.label), n.createdAt = $now, n.updatedAt = $now
WITH n, row, n.createdAt = $now AS created
WITH n, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (n, row, changed) {
  WITH n, row WHERE changed
  SET n += row.props, n.updatedAt = $now
}
RETURN n.id AS id, row.label AS label, row.key AS key, created, changed
