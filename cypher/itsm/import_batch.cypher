// Create-or-refresh incidents or changes imported from another system, found again by
// their externalKey (range-indexed per label: each branch names its label, so the MERGE
// seeks the index); `defaults` (the number) apply on create only. A record whose stored
// fields already match is left alone (no updatedAt bump), so a re-import is a no-op.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.label = 'Incident'
  MERGE (n:Incident {externalKey: row.externalKey})
  ON CREATE SET n.id = row.id, n.createdAt = $now
  RETURN n
UNION
  WITH row WHERE row.label = 'Change'
  MERGE (n:Change {externalKey: row.externalKey})
  ON CREATE SET n.id = row.id, n.createdAt = $now
  RETURN n
}
WITH n, row, n.createdAt = $now AS created
CALL (n, row, created) {
  WITH n, row WHERE created
  SET n:Entity, n.updatedAt = $now, n += row.defaults
}
WITH n, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (n, row, changed) {
  WITH n, row WHERE changed
  SET n += row.props, n.updatedAt = $now
}
RETURN n.id AS id, row.externalKey AS key, created, changed
