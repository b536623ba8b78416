// Incidents hitting each node: those AFFECTing the node itself or anything it needs,
// transitively (DEPENDS_ON, RUNS_ON, HOSTED_ON from dependent to dependency; a cluster
// needs its members). Newest first; $states null: any state; $limit null: all.
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH (x) ((a)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(b)
             WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = b ELSE startNode(r) = a END){0,25} (n)
  WITH DISTINCT n
  MATCH (n)<-[:AFFECTS]-(i:Incident)
  WHERE $states IS NULL OR i.state IN $states
  WITH DISTINCT i
  ORDER BY i.number DESC
  RETURN collect(i {.*, labels: labels(i)}) AS incidents
}
RETURN id, incidents[..coalesce($limit, size(incidents))] AS incidents
