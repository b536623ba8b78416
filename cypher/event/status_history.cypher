// The newest status changes of each CI.
UNWIND $ids AS id
CALL (id) {
  MATCH (s:StatusChange {ciId: id})
  RETURN s ORDER BY s.at DESC, s.id DESC LIMIT $limit
}
RETURN id, collect(s {.*}) AS changes
