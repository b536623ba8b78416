CREATE (a:AuditEntry {
  id: $id, at: datetime(), actor: $actor, operation: $operation, targetIds: $targetIds,
  before: $before, after: $after, requestId: $requestId, tokenId: $tokenId,
  clientRequestId: $clientRequestId
})
RETURN a.id AS id
