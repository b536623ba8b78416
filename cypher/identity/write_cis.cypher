// Write the CIs of a plan by id, in one statement per batch: a new CI is created with
// its labels, class, name and defaults; every row then sets the fields it changes and
// takes them back from discovery (source precedence: an explicit source's value is no
// longer discovery's to overwrite). Then, per row, what identity/claim and
// identity/record_facts do for other writers, here without looking the CI up again:
// `claim` (when its identifiers changed) is exactly the keys it claims now, `facts` the
// address keys this source ($source) states now.
// A row's addresses (`addIps`, `addMacs`: the accumulating fields of identity/plan.py)
// are added to the CI's under its lock rather than set from the plan's read.
// An updated CI that is gone (deleted or merged meanwhile) is missing from ids: the caller
// compares the ids and refuses the batch.
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.create IS NOT NULL
  CREATE (n:CI:Entity {id: row.id})
  SET n += row.create, n.createdAt = $now, n:$(row.create.ciClass)
}
WITH row
MATCH (n:CI {id: row.id})
// the CI's write lock first: the address lists below are read as the last writer left
// them, so two writers that reached one CI through different keys both add theirs
SET n.updatedAt = $now
WITH n, row
SET n += row.props
WITH n, row
CALL (n, row) {
  WITH n, row WHERE row.addIps IS NOT NULL
  SET n.ipAddresses = COLLECT { UNWIND coalesce(n.ipAddresses, []) + row.addIps AS a
                                RETURN DISTINCT a ORDER BY a }
}
CALL (n, row) {
  WITH n, row WHERE row.addMacs IS NOT NULL
  SET n.macAddresses = COLLECT { UNWIND coalesce(n.macAddresses, []) + row.addMacs AS a
                                 RETURN DISTINCT a ORDER BY a }
}
CALL (n, row) {
  WITH n, row WHERE n.discoveredFields IS NOT NULL AND size(row.taken) > 0
  SET n.discoveredFields = [f IN n.discoveredFields WHERE NOT f IN row.taken]
}
CALL (n, row) {
  // a class corrected by a more trusted source (identity/class_precedence.py), checked
  // again under the CI's lock: a class changed meanwhile, or set by a source this one
  // may not override, stays. The class label follows ciClass.
  WITH n, row WHERE row.reclass IS NOT NULL AND n.ciClass = row.reclass.from
    AND coalesce(n.classSource, 'import') IN row.reclass.overridable
  REMOVE n:$([l IN labels(n) WHERE l IN $classes])
  SET n.ciClass = row.reclass.to, n.classSource = row.reclass.source, n:$(row.reclass.to)
}
CALL (n, row) {
  WITH n, row WHERE row.claim IS NOT NULL AND row.create IS NULL
  MATCH (n)<-[old:IDENTIFIES]-(k:IdentityKey)
  // addresses accumulate: this writer never drops one, so it never releases its key
  WHERE NOT k.key IN row.claim AND NOT (k.key STARTS WITH 'IP:' OR k.key STARTS WITH 'MAC:')
  DELETE old
}
CALL (n, row) {
  UNWIND coalesce(row.claim, []) AS key
  MERGE (k:IdentityKey {key: key})
  MERGE (k)-[:IDENTIFIES]->(n)
}
CALL (n, row) {
  UNWIND row.facts AS key
  MERGE (k:IdentityKey {key: key})
  MERGE (k)-[s:SEEN_ON {source: $source}]->(n)
  ON CREATE SET s.firstSeen = $now, s.lastSeen = $now
  SET s.lastSeen = CASE WHEN s.lastSeen < $now THEN $now ELSE s.lastSeen END
  REMOVE s.droppedAt  // stated again: back on the CI
}
// One row for the whole statement: a write answering a record per row costs ~3x more
// (benchmarks/README.md, "identity")
RETURN collect(n.id) AS ids
