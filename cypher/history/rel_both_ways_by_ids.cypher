// rel/both_ways_by_ids as of $asOf: the needs edges valid then (WAS_<TYPE> between
// Timelines), the far node in its version of then. Same rows, same order.
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
RETURN id, needs, r.id AS relId, substring(type(r), 4) AS type, r.kind AS kind,
       b {.*, labels: b._labels, _labels: null} AS node
ORDER BY id, needs, node.name, node.id
