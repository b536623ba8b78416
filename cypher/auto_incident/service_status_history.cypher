// The newest status changes of each business service.
UNWIND $ids AS id
CALL (id) {
  MATCH (s:StatusChange {serviceId: id})
  RETURN s ORDER BY s.feedSeq DESC LIMIT $limit
}
RETURN id, collect(s {.*}) AS changes
