MATCH (r:ReportSnapshot)
WHERE $scheduleId IS NULL OR r.scheduleId = $scheduleId
RETURN r {.*} AS snapshot
ORDER BY r.takenAt DESC, r.id
LIMIT $limit
