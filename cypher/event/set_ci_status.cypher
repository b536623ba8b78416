// Move CIs to the status their alerts hold them at (and keep the status to restore);
// each real move is recorded as a StatusChange (the CI's status history), marked with the
// payload's ``batch`` until the change feed numbers it (``live/stamp``).
UNWIND $rows AS r
MATCH (c:CI {id: r.id})
SET c.status = r.to, c.statusBeforeEvents = r.base, c.updatedAt = $at
FOREACH (_ IN CASE WHEN r.from IS NULL OR r.from <> r.to THEN [1] ELSE [] END |
  CREATE (:StatusChange {id: randomUUID(), ciId: r.id, at: $at, from: r.from, to: r.to,
                         reason: r.reason, fingerprint: r.fingerprint, eventId: r.eventId,
                         batch: $batch}))
RETURN count(c) AS moved
