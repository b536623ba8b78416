MATCH (t:ApiToken)
RETURN t {.id, .name, .role, .permissions, .scopes, .prefix, .createdAt, .revokedAt} AS token
ORDER BY t.createdAt, t.id
