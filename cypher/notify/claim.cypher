// The locked deliveries that are still due, claimed for $owner until $leaseUntil: one
// attempt more, its time recorded. Returns what sending needs, the subscription's sealed
// secret included (never beyond the dispatcher).
UNWIND $ids AS id
MATCH (d:Notification {id: id})
WHERE (d.state IN $due AND d.nextAttemptAt <= $now)
   OR (d.state = $sending AND d.leaseUntil <= $now)
SET d.state = $sending, d.leaseOwner = $owner, d.leaseUntil = $leaseUntil,
    d.attempts = d.attempts + 1, d.attemptTimes = d.attemptTimes + [$now], d.updatedAt = $now
WITH d
OPTIONAL MATCH (s:NotificationSubscription {id: d.subscriptionId})
RETURN d {.id, .kind, .subjectKey, .subject, .attempts, .createdAt} AS delivery,
       s {.id, .channel, .url, .address, .signingSecret, .enabled} AS subscription
ORDER BY d.nextAttemptAt, d.id
