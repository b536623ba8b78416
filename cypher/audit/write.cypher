CREATE (a:AuditEntry {
  id: $id, at: datetime(), actor: $actor, operation: $operation, targetIds: $targetIds,
  before: $before, after: $after, requestId: $requestId
})
RETURN a.id AS id
