// What each incident's notice says ($rows: {id, kind}): the incident, what it AFFECTS and
// the services hit (affected, or needing what is affected, as rel/services_by_ids). No
// row for an incident whose kind no enabled subscription wants: it costs no traversal.
UNWIND $rows AS row
MATCH (i:Incident {id: row.id})
WHERE EXISTS { MATCH (sub:NotificationSubscription) WHERE sub.enabled AND row.kind IN sub.kinds }
OPTIONAL MATCH (i)-[:AFFECTS]->(t)
WITH row, i, collect(t) AS targets
CALL (targets) {
  UNWIND targets AS t
  MATCH (t) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){0,25} (s:Service)
  RETURN collect(DISTINCT s.name) AS servicesHit
}
RETURN row.kind AS kind,
       i {.id, .number, .title, .priority, .state, .openedAt, .resolvedAt, .reopenCount} AS incident,
       [t IN targets | t {.id, .name}] AS affects, servicesHit
