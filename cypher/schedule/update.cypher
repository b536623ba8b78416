// Replaces the fields a person writes; the run record and any lease stay.
MATCH (s:Schedule {id: $id})
WITH s, s {.*} AS before
SET s += $props, s.nextRunAt = $nextRunAt, s.updatedAt = $now
RETURN before, s {.*} AS schedule
