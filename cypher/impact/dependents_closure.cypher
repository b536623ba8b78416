// Everything that needs the start nodes, transitively, in one round trip. DEPENDS_ON,
// RUNS_ON and HOSTED_ON point from a dependent to what it needs, MEMBER_OF from a member
// to its cluster (which needs it): the quantified path pattern walks each kind in its own
// direction from Entity nodes only (as the level-by-level fetch does), and with DISTINCT
// Neo4j plans it as VarLengthExpand(Pruning,BFS): each node visited once, no paths.
// One compact row per node of the region, with every need pointing at it.
MATCH (s:Entity) WHERE s.id IN $ids
MATCH (s)((a:Entity)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(b)
          WHERE (type(r) = 'MEMBER_OF') = (startNode(r) = a))*(x)
WITH DISTINCT x
RETURN collect([
  x.id, x.name, labels(x), x.criticality, x.users, x.slaTarget, x.owner, x.minAvailable,
  CASE WHEN x:Cluster THEN COUNT { (x)<-[:MEMBER_OF]-() } ELSE 0 END,
  CASE WHEN x:Entity THEN COLLECT {
    MATCH (x)<-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON]-(d) RETURN [d.id, type(r), coalesce(r.kind, 'hard')] AS e
    UNION ALL
    MATCH (x)-[:MEMBER_OF]->(d) RETURN [d.id, 'MEMBER_OF', 'hard'] AS e
  } ELSE [] END
]) AS closure
