// The delivery log, newest first, filtered by state, subscription and kind (null: any).
MATCH (d:Notification)
WHERE ($state IS NULL OR d.state = $state)
  AND ($subscriptionId IS NULL OR d.subscriptionId = $subscriptionId)
  AND ($kind IS NULL OR d.kind = $kind)
RETURN d {.id, .subscriptionId, .kind, .subjectKey, .subject, .channel, .state, .attempts,
          .attemptTimes, .nextAttemptAt, .lastError, .createdAt, .updatedAt, .deliveredAt} AS delivery
ORDER BY d.createdAt DESC, d.id DESC
LIMIT $first
