CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash, prefix: $prefix,
                    permissions: $permissions, createdAt: datetime(), updatedAt: datetime()})
RETURN t {.id, .name, .role, .permissions, .prefix, .createdAt, .revokedAt} AS token
