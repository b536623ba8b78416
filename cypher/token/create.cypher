CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, prefix: $prefix,
                    createdAt: datetime(), updatedAt: datetime()})
RETURN t {.id, .name, .role, .prefix, .createdAt, .revokedAt} AS token
