MATCH (a:AuditEntry)
WHERE ($targetId IS NULL OR $targetId IN a.targetIds)
RETURN count(a) AS total
