MATCH (t:ApiToken)
RETURN t {.id, .name, .role, .permissions, .prefix, .createdAt, .revokedAt} AS token
ORDER BY t.createdAt, t.id
