// Version one of every entity without a Timeline: valid from its creation (else $at),
// with today's properties (what it was before its last change is not known here).
// Whether it has one is asked in the inner transaction that creates it: asked in the
// outer one, the unique index's read held a lock the inner transaction's create waited
// for, for ever (run only when ``seed_needed`` finds one).
MATCH (n:Entity)
CALL (n) {
  OPTIONAL MATCH (old:Timeline {id: n.id})
  WITH n, old
    WHERE old IS NULL
  CREATE (t:Timeline {id: n.id, seeded: true})
         -[:STATE {validFrom: coalesce(n.createdAt, $at)}]->(s:State)
  SET s = n {.*, _labels: labels(n)}
  FOREACH (k IN $hidden | SET s[k] = null)
} IN TRANSACTIONS OF 5000 ROWS
