// Create-or-update by natural key; a row that would change nothing is left alone (no
// updatedAt bump), so re-importing the same data changes nothing.
UNWIND $rows AS row
MERGE (c:CI {ciClass: row.ciClass, name: row.name})
ON CREATE SET c:Entity, c.id = row.id, c.createdAt = $now, c.updatedAt = $now, c += row.defaults
WITH c, row, c.createdAt = $now AS created
WITH c, row, created,
     created OR any(k IN keys(row.props)
                    WHERE NOT coalesce(c[k] = row.props[k], c[k] IS NULL AND row.props[k] IS NULL))
       AS changed
CALL (c, row, changed) {
  WITH c, row WHERE changed
  SET c:$(row.ciClass)
  SET c += row.props, c.updatedAt = $now,
      // a field a person (or a file) sets is theirs: discovery no longer overwrites it
      c.discoveredFields = CASE WHEN c.discoveredFields IS NOT NULL
                                THEN [f IN c.discoveredFields WHERE NOT f IN keys(row.props)] END
}
RETURN c.id AS id, created, changed
