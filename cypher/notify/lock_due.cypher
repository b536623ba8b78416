// Deliveries due at $now (or claimed under a lease that ran out), oldest due first,
// write-locked until the transaction ends (SET then REMOVE leaves no trace);
// notify/claim re-reads them under the lock, so two dispatchers never claim one twice.
MATCH (d:Notification)
WHERE (d.state IN $due AND d.nextAttemptAt <= $now)
   OR (d.state = $sending AND d.leaseUntil <= $now)
WITH d ORDER BY d.nextAttemptAt, d.id LIMIT $batch
SET d.locked = true
REMOVE d.locked
RETURN d.id AS id
