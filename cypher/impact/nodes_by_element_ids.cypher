// impact/nodes_by_ids by element id (within the transaction of the walk that found them:
// ``impact/needs_below``), in one record: [element id, node] pairs.
UNWIND $ids AS eid
MATCH (n:Entity) WHERE elementId(n) = eid
RETURN collect([eid, n {.id, .name, .criticality, .users, .slaTarget, .owner, .minAvailable,
  labels: labels(n),
  memberCount: CASE WHEN n:Cluster THEN COUNT { (n)<-[:MEMBER_OF]-() } ELSE 0 END}]) AS rows
