// Audit entries of one actor in one statement (audit.write_many; one entry alone is a
// list of one): each its own entry with its own targets.
UNWIND $entries AS e
CREATE (a:AuditEntry {
  id: e.id, at: datetime(), actor: $actor, operation: e.operation, targetIds: e.targetIds,
  before: e.before, after: e.after, requestId: $requestId, tokenId: $tokenId,
  clientRequestId: $clientRequestId
})
RETURN a.id AS id
