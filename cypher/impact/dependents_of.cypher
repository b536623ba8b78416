UNWIND $ids AS id
MATCH (y:Entity {id: id})
CALL (y) {
  MATCH (y)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(x)
  RETURN x, type(r) AS type, coalesce(r.kind, 'hard') AS kind
  UNION ALL
  MATCH (y)-[:MEMBER_OF]->(x)
  RETURN x, 'MEMBER_OF' AS type, 'hard' AS kind
}
WITH id, type, kind,
     x {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable, labels: labels(x),
        memberCount: CASE WHEN x:Cluster THEN COUNT { (x)<-[:MEMBER_OF]-() } ELSE 0 END} AS node
// one record per level: the driver decodes one big list far faster than many records
RETURN collect({dependency: id, type: type, kind: kind, node: node}) AS rows
