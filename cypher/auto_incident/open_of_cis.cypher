// The services whose open automatic incident AFFECTS one of these CIs (their alerts
// changed: the incident may resolve although no status moved).
UNWIND $ids AS id
MATCH (:CI {id: id})<-[:AFFECTS]-(i:Incident)
WHERE i.autoServiceId IS NOT NULL AND i.state IN $openStates
RETURN DISTINCT i.autoServiceId AS serviceId
