// What an attempt came to, written only while the claim is still this dispatcher's
// ($owner): a claim whose lease ran out and was taken over is left to its new owner.
MATCH (d:Notification {id: $id})
WHERE d.state = $sending AND d.leaseOwner = $owner
SET d.state = $state, d.lastError = coalesce($error, d.lastError),
    d.nextAttemptAt = $nextAttemptAt, d.deliveredAt = $deliveredAt,
    d.leaseOwner = null, d.leaseUntil = null, d.updatedAt = $now
RETURN d.id AS id
