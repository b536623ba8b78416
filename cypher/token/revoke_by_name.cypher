// Revoke every live token with this name (a reissue replaces a token whose secret is lost).
MATCH (t:ApiToken {name: $name})
WHERE t.revokedAt IS NULL
WITH t, t {.id, .name, .role, .revokedAt} AS before
SET t.revokedAt = datetime(), t.updatedAt = datetime()
REMOVE t.activeName
RETURN before, t {.id, .name, .role, .prefix, .createdAt, .revokedAt} AS token
ORDER BY t.id
