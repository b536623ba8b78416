// rel/both_ways_names_by_ids as of $asOf: the needs edges valid then, the far node's id,
// name and labels in its version of then; one compact row per edge.
CALL () {
  UNWIND $needsIds AS id
  MATCH (a:Timeline {id: id})
  CALL (a) {
    MATCH (a)-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON]->(t) RETURN r, t
    UNION
    MATCH (a)<-[r:WAS_MEMBER_OF]-(t) RETURN r, t
  }
  RETURN id, true AS needs, r, t
  UNION ALL
  UNWIND $neededByIds AS id
  MATCH (a:Timeline {id: id})
  CALL (a) {
    MATCH (a)<-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON]-(t) RETURN r, t
    UNION
    MATCH (a)-[r:WAS_MEMBER_OF]->(t) RETURN r, t
  }
  RETURN id, false AS needs, r, t
}
WITH id, needs, r, t
  WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
MATCH (t)-[v:STATE]->(b)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
WITH id, needs, r, b, b.name AS name, b.id AS nodeId
ORDER BY id, needs, name, nodeId
RETURN collect([id, needs, r.id, substring(type(r), 4), r.kind, nodeId, name, b._labels]) AS rows
