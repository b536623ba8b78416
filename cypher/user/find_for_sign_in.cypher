// The user signing in, with the hash their password is checked against (only sign-in
// reads it; no other statement returns it).
MATCH (u:User {name: $name})
RETURN u {.id, .name, .role, .permissions, .scopes, .disabledAt} AS user,
       u.passwordHash AS passwordHash
