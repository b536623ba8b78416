// impact/dependencies_of as of $asOf: the needs edges valid then.
UNWIND $ids AS id
MATCH (x:Timeline {id: id})
CALL (x) {
  MATCH (x)-[r:WAS_DEPENDS_ON|WAS_RUNS_ON|WAS_HOSTED_ON]->(y)
    WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
  RETURN y, substring(type(r), 4) AS type, coalesce(r.kind, 'hard') AS kind
  UNION ALL
  MATCH (x)<-[r:WAS_MEMBER_OF]-(y)
    WHERE r.validFrom <= $asOf AND coalesce(r.validTo > $asOf, true)
  RETURN y, 'MEMBER_OF' AS type, 'hard' AS kind
}
MATCH (y)-[v:STATE]->(s)
  WHERE v.validFrom <= $asOf AND coalesce(v.validTo > $asOf, true)
WITH id, type, kind,
     s {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable,
        labels: s._labels,
        memberCount: CASE WHEN 'Cluster' IN s._labels
          THEN COUNT { (y)<-[m:WAS_MEMBER_OF]-() WHERE m.validFrom <= $asOf
                                                  AND coalesce(m.validTo > $asOf, true) }
          ELSE 0 END} AS node
RETURN collect({dependent: id, type: type, kind: kind, node: node}) AS rows
