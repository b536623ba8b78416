// The lease, taken with a conditional write. The first SET takes the node's write lock,
// so the checks below read the last committed state: a process that claimed this slot
// first has committed (its runCount moved, its lease is live) and this one gets nothing.
MATCH (s:Schedule {id: $id})
SET s.claimLock = true
WITH s
REMOVE s.claimLock
WITH s
WHERE s.enabled AND s.nextRunAt <= $now AND s.cron = $cron
  AND coalesce(s.runCount, 0) = $runCount
  AND (s.leaseHolder IS NULL OR s.leaseExpires < $now)
SET s.leaseHolder = $holder, s.leaseExpires = $until, s.nextRunAt = $next,
    s.lastRunAt = $now, s.lastOutcome = 'RUNNING', s.lastMessage = null,
    s.lastResultId = null, s.runCount = coalesce(s.runCount, 0) + 1
RETURN s {.*} AS schedule
