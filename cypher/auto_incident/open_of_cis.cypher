// The services whose open automatic incident AFFECTS one of these CIs (their alerts
// changed: the incident may resolve although no status moved).
// The walk starts at the CIs (a forced index seek): planned while no incident was open,
// Neo4j kept a plan that started at the open incidents and walked all their AFFECTS
// edges, 8.6 s of one evaluator pass once a burst had opened incidents (20,000 CIs).
UNWIND $ids AS id
MATCH (c:CI {id: id})<-[:AFFECTS]-(i:Incident) USING INDEX SEEK c:CI(id)
WHERE i.autoServiceId IS NOT NULL AND i.state IN $openStates
RETURN DISTINCT i.autoServiceId AS serviceId
