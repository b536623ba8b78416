MATCH (t:ApiToken {hash: $hash})
WHERE t.revokedAt IS NULL
RETURN t {.id, .name, .role, .permissions, .scopes} AS token
