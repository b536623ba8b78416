// Each service's status as monitoring last set it (its newest StatusChange), its open
// automatic incident and its last resolved one, each with the ids of what it AFFECTS
// (read under the services' locks).
UNWIND $ids AS id
MATCH (s:Service {id: id})
CALL (s) {
  OPTIONAL MATCH (c:StatusChange {serviceId: s.id})
  WITH c ORDER BY c.feedSeq DESC LIMIT 1
  RETURN c.to AS status
}
CALL (s) {
  OPTIONAL MATCH (i:Incident {autoServiceId: s.id})
  WHERE i.state IN $openStates
  WITH i ORDER BY i.openedAt DESC, i.number DESC LIMIT 1
  RETURN CASE WHEN i IS NULL THEN null
         ELSE i {.*, labels: labels(i), affects: [(i)-[:AFFECTS]->(n) | n.id]} END AS open
}
CALL (s) {
  OPTIONAL MATCH (r:Incident {autoServiceId: s.id})
  WHERE r.state = $resolved
  WITH r ORDER BY r.resolvedAt DESC, r.number DESC LIMIT 1
  RETURN CASE WHEN r IS NULL THEN null
         ELSE r {.*, labels: labels(r), affects: [(r)-[:AFFECTS]->(n) | n.id]} END AS lastResolved
}
RETURN s.id AS id, s.name AS name, status, open, lastResolved
