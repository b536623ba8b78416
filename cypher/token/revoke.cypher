MATCH (t:ApiToken {id: $id})
WITH t, t {.id, .name, .role, .revokedAt} AS before
SET t.revokedAt = coalesce(t.revokedAt, datetime()), t.updatedAt = datetime()
REMOVE t.activeName
RETURN before, t {.id, .name, .role, .permissions, .scopes, .prefix, .createdAt, .revokedAt} AS token
