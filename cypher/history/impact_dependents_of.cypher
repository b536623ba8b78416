// impact/dependents_of as of $asOf: the needs edges valid then.
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
WITH id, type, kind,
     s {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable,
        labels: s._labels,
        memberCount: CASE WHEN 'Cluster' IN s._labels
          THEN COUNT { (x)<-[m:WAS_MEMBER_OF]-() WHERE m.validFrom <= $asOf
                                                  AND coalesce(m.validTo > $asOf, true) }
          ELSE 0 END} AS node
RETURN collect({dependency: id, type: type, kind: kind, node: node}) AS rows
