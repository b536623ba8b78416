// Write the CIs of a plan by id: a new CI gets its labels, class, name and defaults;
// every row sets the fields it changes and takes them back from discovery (source
// precedence: an explicit source's value is no longer discovery's to overwrite).
UNWIND $rows AS row
MERGE (n:CI {id: row.id})
ON CREATE SET n:Entity, n.createdAt = $now, n += row.create
SET n += row.props,
    n.updatedAt = $now,
    n.discoveredFields = CASE WHEN n.discoveredFields IS NOT NULL
      THEN [f IN n.discoveredFields WHERE NOT f IN keys(row.props)] END
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.create IS NOT NULL
  SET n:$(row.create.ciClass)
}
RETURN n.id AS id
