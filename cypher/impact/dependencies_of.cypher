UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH (x)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]->(y)
  RETURN y, type(r) AS type, coalesce(r.kind, 'hard') AS kind
  UNION ALL
  MATCH (x)<-[:MEMBER_OF]-(y)
  RETURN y, 'MEMBER_OF' AS type, 'hard' AS kind
}
WITH id, type, kind,
     y {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable, labels: labels(y),
        memberCount: CASE WHEN y:Cluster THEN COUNT { (y)<-[:MEMBER_OF]-() } ELSE 0 END} AS node
// one record per level: the driver decodes one big list far faster than many records
RETURN collect({dependent: id, type: type, kind: kind, node: node}) AS rows
