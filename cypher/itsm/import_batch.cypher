// Create-or-refresh incidents or changes imported from another system, found again by
// their externalKey; `defaults` (the number) apply on create only. A record whose stored
// fields already match is left alone (no updatedAt bump), so a re-import is a no-op.
UNWIND $rows AS row
MERGE (n:$(row.label) {externalKey: row.externalKey})
ON CREATE SET n:Entity, n.id = row.id, n.createdAt = $now, n.updatedAt = $now,
              n += row.defaults
WITH n, row, n.createdAt = $now AS created
WITH n, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(n[k] = row.props[k], n[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (n, row, changed) {
  WITH n, row WHERE changed
  SET n += row.props, n.updatedAt = $now
}
RETURN n.id AS id, row.externalKey AS key, created, changed
