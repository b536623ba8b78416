// What every audit entry about $targetId names (a scoped caller's count of the history
// it may read: services/audit_visible.py)
MATCH (a:AuditEntry)
WHERE $targetId IN a.targetIds
RETURN a.targetIds AS targetIds
LIMIT $limit
