// One delivery of a notice per enabled subscription that wants $kind and whose filter it
// passes. The notice reaches the services its targets are, or that need them (as
// rel/services_by_ids); a service filter names one of those, an owner filter one of their
// owners, a team filter (name or id) a team one of them is OWNED_BY or a target is
// SUPPORTED_BY. MERGE on the key: the same notice enqueued again writes nothing. Nothing
// is traversed when no enabled subscription wants $kind.
WITH 1 AS one
WHERE EXISTS { MATCH (sub:NotificationSubscription) WHERE sub.enabled AND $kind IN sub.kinds }
CALL () {
  UNWIND $targetIds AS tid
  MATCH (t:Entity {id: tid})
  OPTIONAL MATCH (t) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
           WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){0,25} (s:Service)
  RETURN collect(DISTINCT s) AS services, collect(DISTINCT t) AS targets
}
CALL (services, targets) {
  UNWIND services + targets AS n
  MATCH (n)-[:OWNED_BY|SUPPORTED_BY]->(team:Team)
  RETURN collect(DISTINCT team.name) + collect(DISTINCT team.id) AS teams
}
WITH [s IN services | s.id] AS serviceIds, [s IN services WHERE s.owner IS NOT NULL | s.owner] AS owners, teams
MATCH (sub:NotificationSubscription)
WHERE sub.enabled AND $kind IN sub.kinds
  AND (sub.serviceId IS NULL OR sub.serviceId IN serviceIds)
  AND (sub.owner IS NULL OR sub.owner IN owners)
  AND (sub.team IS NULL OR sub.team IN teams)
MERGE (d:Notification {key: sub.id + '|' + $kind + '|' + $key})
ON CREATE SET d.id = randomUUID(), d.subscriptionId = sub.id, d.kind = $kind,
              d.subjectKey = $key, d.subject = $subject, d.channel = sub.channel,
              d.state = $pending, d.attempts = 0, d.attemptTimes = [], d.nextAttemptAt = $at,
              d.createdAt = $at, d.updatedAt = $at
RETURN d.id AS id
