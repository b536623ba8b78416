// A new user, unless one has the name (then no row: DUPLICATE; the name's uniqueness
// constraint refuses the second of two creations racing past the check).
OPTIONAL MATCH (taken:User {name: $name})
WITH count(taken) AS taken
WHERE taken = 0
CREATE (u:User {id: $id, name: $name, role: $role, permissions: $permissions,
                scopes: $scopes, passwordHash: $passwordHash,
                createdAt: datetime(), updatedAt: datetime()})
RETURN u {.id, .name, .role, .permissions, .scopes, .createdAt, .updatedAt, .disabledAt,
          .lastSignInAt} AS user
