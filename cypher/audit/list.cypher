MATCH (a:AuditEntry)
WHERE ($targetId IS NULL OR $targetId IN a.targetIds)
  AND ($afterAt IS NULL OR a.at < datetime($afterAt) OR (a.at = datetime($afterAt) AND a.id < $afterId))
RETURN a {.*} AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
