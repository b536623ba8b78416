// The ids of the business services that need these CIs, transitively (the walk of
// impact/dependents_closure, returning only the services it reaches: an evaluator pass
// reads the region it evaluates downwards from them, services/failure_region). Ids that
// name no node are left out.
MATCH (s:Entity) WHERE s.id IN $ids
MATCH (s)((a:Entity)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(b)
          WHERE (type(r) = 'MEMBER_OF') = (startNode(r) = a))*(x:Service)
RETURN collect(DISTINCT x.id) AS ids
