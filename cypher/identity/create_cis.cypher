// The creates of a plan whose CI no other row of the batch writes: the CI with its
// labels, class, name, defaults and the row's fields; the keys it claims and the
// addresses the row states (address facts), as identity/write_cis records them. A new
// CI has no relationship yet, so they are created rather than merged (no look for an
// existing one, no lock taken to make sure of it); the keys themselves are merged, as
// the full statement does (identity/lock created or locked each in this transaction).
UNWIND $rows AS row
CREATE (n:CI:Entity {id: row.id})
SET n += row.create, n += row.props, n.createdAt = $now, n.updatedAt = $now,
    n:$(row.create.ciClass)
WITH n, row
CALL (n, row) {
  UNWIND row.claim AS key
  MERGE (k:IdentityKey {key: key})
  CREATE (k)-[:IDENTIFIES]->(n)
}
CALL (n, row) {
  UNWIND row.facts AS key
  MERGE (k:IdentityKey {key: key})
  CREATE (k)-[:SEEN_ON {source: $source, firstSeen: $now, lastSeen: $now}]->(n)
}
// One row for the whole statement: a write answering a record per row costs ~3x more
// (benchmarks/README.md, "identity")
RETURN collect(n.id) AS ids
