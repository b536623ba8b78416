// What the root-cause search of each open automatic incident starts from: its service,
// the CIs it AFFECTS that are failed now (with their status) and the service's status as
// monitoring last set it (its newest StatusChange).
UNWIND $ids AS id
MATCH (i:Incident {id: id})
WHERE i.autoServiceId IS NOT NULL AND i.state IN $openStates
RETURN i.id AS id, i.autoServiceId AS serviceId,
       [(i)-[:AFFECTS]->(c:CI) WHERE c.status IN $failed | {id: c.id, status: c.status}] AS failed,
       COLLECT {
         MATCH (s:StatusChange {serviceId: i.autoServiceId})
         RETURN s.to ORDER BY s.feedSeq DESC LIMIT 1
       } AS status
