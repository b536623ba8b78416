// Per notice of $notices ({kind, key, subject, targetIds}), one delivery per enabled
// subscription that wants its kind and whose filter it passes. The notice reaches the
// services its targets are, or that need them (as rel/services_by_ids); a service filter
// names one of those, an owner filter one of their owners, a team filter (name or id) a
// team one of them is OWNED_BY or a target is SUPPORTED_BY. MERGE on the key: the same
// notice enqueued again writes nothing. Nothing is traversed for a notice whose kind no
// enabled subscription wants.
UNWIND $notices AS n
CALL (n) {
  WITH n
  WHERE EXISTS { MATCH (sub:NotificationSubscription) WHERE sub.enabled AND n.kind IN sub.kinds }
  CALL (n) {
    UNWIND n.targetIds AS tid
    MATCH (t:Entity {id: tid})
    OPTIONAL MATCH (t) ((y)-[r:DEPENDS_ON|RUNS_ON|HOSTED_ON|MEMBER_OF]-(x)
             WHERE CASE type(r) WHEN 'MEMBER_OF' THEN startNode(r) = y ELSE startNode(r) = x END){0,25} (s:Service)
    RETURN collect(DISTINCT s) AS services, collect(DISTINCT t) AS targets
  }
  CALL (services, targets) {
    UNWIND services + targets AS m
    MATCH (m)-[:OWNED_BY|SUPPORTED_BY]->(team:Team)
    RETURN collect(DISTINCT team.name) + collect(DISTINCT team.id) AS teams
  }
  WITH n, [s IN services | s.id] AS serviceIds,
       [s IN services WHERE s.owner IS NOT NULL | s.owner] AS owners, teams
  MATCH (sub:NotificationSubscription)
  WHERE sub.enabled AND n.kind IN sub.kinds
    AND (sub.serviceId IS NULL OR sub.serviceId IN serviceIds)
    AND (sub.owner IS NULL OR sub.owner IN owners)
    AND (sub.team IS NULL OR sub.team IN teams)
  MERGE (d:Notification {key: sub.id + '|' + n.kind + '|' + n.key})
  ON CREATE SET d.id = randomUUID(), d.subscriptionId = sub.id, d.kind = n.kind,
                d.subjectKey = n.key, d.subject = n.subject, d.channel = sub.channel,
                d.state = $pending, d.attempts = 0, d.attemptTimes = [], d.nextAttemptAt = $at,
                d.createdAt = $at, d.updatedAt = $at
  RETURN d.id AS id
}
RETURN id
