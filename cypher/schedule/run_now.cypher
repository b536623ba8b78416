// Due at once: the next scheduler tick of any process runs it.
MATCH (s:Schedule {id: $id})
WITH s, s {.nextRunAt} AS before
SET s.nextRunAt = $now, s.updatedAt = $now
RETURN before, s {.*} AS schedule
