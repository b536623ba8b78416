// Revoke a token; the token feed gets a new stamp (API processes drop what they cached).
MATCH (t:ApiToken {id: $id})
WITH t, t {.id, .name, .role, .revokedAt} AS before
SET t.revokedAt = coalesce(t.revokedAt, datetime()), t.updatedAt = datetime()
REMOVE t.activeName
WITH t, before
MERGE (f:ChangeFeed {name: $feed})
SET f.seq = coalesce(f.seq, 0) + 1, f.stamp = randomUUID()
RETURN before, t {.id, .name, .role, .permissions, .scopes, .prefix, .createdAt, .revokedAt} AS token
