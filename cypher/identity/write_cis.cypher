// Write the CIs of a plan by id: a new CI is created with its labels, class, name and
// defaults; every row then sets the fields it changes and takes them back from discovery
// (source precedence: an explicit source's value is no longer discovery's to overwrite).
// An updated CI that is gone (deleted or merged meanwhile) yields no row: the caller
// compares the ids and refuses the batch.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.create IS NOT NULL
  CREATE (n:CI:Entity {id: row.id})
  SET n += row.create, n.createdAt = $now, n:$(row.create.ciClass)
}
WITH row
MATCH (n:CI {id: row.id})
SET n += row.props,
    n.updatedAt = $now,
    n.discoveredFields = CASE WHEN n.discoveredFields IS NOT NULL
      THEN [f IN n.discoveredFields WHERE NOT f IN keys(row.props)] END
RETURN n.id AS id
