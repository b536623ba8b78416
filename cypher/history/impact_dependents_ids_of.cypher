// impact/dependents_ids_of as of $asOf: the needs edges valid then, between nodes that
// had a version then.
UNWIND $ids AS id
MATCH (y:Timeline {id: id})
CALL (y) {
  MATCH (y)<-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON]-(x)
    WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
  RETURN x, substring(type(r), 4) AS type, coalesce(r.kind, 'hard') AS kind
  UNION ALL
  MATCH (y)-[r:WAS_MEMBER_OF]->(x)
    WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
  RETURN x, 'MEMBER_OF' AS type, 'hard' AS kind
}
MATCH (x)-[v:STATE]->(s)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
RETURN collect([s.id, id, type, kind]) AS rows
