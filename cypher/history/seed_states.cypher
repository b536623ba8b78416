// Version one of every entity without a Timeline: valid from its creation (else $at),
// with today's properties (what it was before its last change is not known here).
MATCH (n:Entity)
  WHERE NOT EXISTS { MATCH (:Timeline {id: n.id}) }
CALL (n) {
  CREATE (t:Timeline {id: n.id, seeded: true})
         -[:STATE {validFrom: coalesce(n.createdAt, $at)}]->(s:State)
  SET s = n {.*, _labels: labels(n)}
  FOREACH (k IN $hidden | SET s[k] = null)
} IN TRANSACTIONS OF 5000 ROWS
