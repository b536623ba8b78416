// The ids of the business services that need these CIs, transitively (the walk of
// impact/dependents_closure, returning only the services it reaches: an evaluator pass
// reads the region it evaluates downwards from them, services/failure_region). Ids that
// name no node are left out.
// The walk's end is not labelled, and the services are picked from what it reached in
// the projection (a label test Neo4j cannot move into the walk): with a labelled end and
// a few hundred ids, Neo4j walked from every Service downwards instead, each one's whole
// region (7.9M db hits against 24,000 at 100,000 CIs: 1.4-1.8 s of an evaluator's pass
// after a burst of alerts), and an index hint on the start kept that walk, joined to the
// start.
MATCH (s:Entity) WHERE s.id IN $ids
MATCH (s)((a:Entity)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(b)
          WHERE (type(r) = 'MEMBER_OF') = (startNode(r) = a))*(x)
RETURN collect(DISTINCT CASE WHEN x:Service THEN x.id END) AS ids
