// The updates of a plan that only set plain fields: no class correction, no identifier
// or address changed, so no key is claimed and no fact recorded. The lean part of
// identity/write_cis (one seek and one SET per row, no subquery to skip), for what a bulk
// update mostly is. The fields set are taken back from discovery (source precedence).
// An updated CI that is gone (deleted or merged meanwhile) is missing from ids: the caller
// compares the ids and refuses the batch.
UNWIND $rows AS row
MATCH (n:CI {id: row.id})
SET n.updatedAt = $now, n += row.props
WITH n, row
CALL (n, row) {
  WITH n, row WHERE n.discoveredFields IS NOT NULL
  SET n.discoveredFields = [f IN n.discoveredFields WHERE NOT f IN row.taken]
}
// One row for the whole statement: a write answering a record per row costs ~3x more
// (benchmarks/README.md, "identity")
RETURN collect(n.id) AS ids
