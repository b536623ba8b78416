// Each business service's status as monitoring last set it (its newest StatusChange);
// null when monitoring never moved it.
UNWIND $ids AS id
CALL (id) {
  OPTIONAL MATCH (c:StatusChange {serviceId: id})
  WITH c ORDER BY c.feedSeq DESC LIMIT 1
  RETURN c.to AS status
}
RETURN id, status
