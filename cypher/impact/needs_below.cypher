// One level of a downward walk, ids only: what each of $ids needs (DEPENDS_ON, RUNS_ON,
// HOSTED_ON outwards; a cluster its members), as compact rows [dependent, dependency,
// type, kind, the dependency's status when it is a CI in one of $failed, else null].
// No node maps: the walk of an evaluator pass reads properties only for what lies above
// a failed CI (``services/failure_region``). One record per level.
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH (x)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(y)
  RETURN y, type(r) AS type, coalesce(r.kind, 'hard') AS kind
  UNION ALL
  MATCH (x)<-[:MEMBER_OF]-(y)
  RETURN y, 'MEMBER_OF' AS type, 'hard' AS kind
}
RETURN collect([
  x.id, y.id, type, kind, CASE WHEN y:CI AND y.status IN $failed THEN y.status END
]) AS rows
