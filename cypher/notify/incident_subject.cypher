// What an incident's notice says: the incident, what it AFFECTS and the services hit
// (affected, or needing what is affected, as rel/services_by_ids). No row when no enabled
// subscription wants $kind: an incident nobody listens for costs no traversal.
MATCH (i:Incident {id: $id})
WHERE EXISTS { MATCH (sub:NotificationSubscription) WHERE sub.enabled AND $kind IN sub.kinds }
OPTIONAL MATCH (i)-[:AFFECTS]->(t)
WITH i, collect(t) AS targets
CALL (targets) {
  UNWIND targets AS t
  MATCH (t) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){0,25} (s:Service)
  RETURN collect(DISTINCT s.name) AS servicesHit
}
RETURN i {.id, .number, .title, .priority, .state, .openedAt, .resolvedAt, .reopenCount} AS incident,
       [t IN targets | t {.id, .name}] AS affects, servicesHit
