// Only the holder records the end of its run and gives the lease back.
MATCH (s:Schedule {id: $id})
WHERE s.leaseHolder = $holder
SET s.lastOutcome = $outcome, s.lastMessage = $message, s.lastResultId = $resultId,
    s.leaseHolder = null, s.leaseExpires = null
RETURN s {.*} AS schedule
