// The services whose open automatic incident AFFECTS one of these CIs (their alerts
// changed: the incident may resolve although no status moved).
// The incident end carries no label and no indexable predicate ('Incident' IN labels(i)
// instead of i:Incident), so the walk can only start at the CIs: with i:Incident, Neo4j
// planned on a graph with no incident open seeked the open incidents by state for every
// CI and joined them to it (Expand(Into)), and kept that plan once a burst had opened
// incidents: 8.6 s of one evaluator pass at 20,000 CIs. An index hint on the CI, or the
// incidents in a subquery on the CI, kept that seek.
UNWIND $ids AS id
MATCH (c:CI {id: id})<-[:AFFECTS]-(i)
WHERE 'Incident' IN labels(i) AND i.autoServiceId IS NOT NULL AND i.state IN $openStates
RETURN DISTINCT i.autoServiceId AS serviceId
