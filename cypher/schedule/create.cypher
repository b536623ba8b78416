// Schedules are not :Entity nodes: node(id), relate and the explorer never see them.
CREATE (s:Schedule {id: $id})
SET s += $props, s.nextRunAt = $nextRunAt, s.runCount = 0, s.createdBy = $by,
    s.createdAt = $now, s.updatedAt = $now
RETURN s {.*} AS schedule
