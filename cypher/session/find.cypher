// The live session behind a cookie's hash and its user, unless expired or disabled.
MATCH (s:Session {hash: $hash})
WHERE s.expiresAt > datetime()
MATCH (u:User {id: s.userId})
WHERE u.disabledAt IS NULL
RETURN u {.id, .name, .role, .permissions, .scopes} AS user
