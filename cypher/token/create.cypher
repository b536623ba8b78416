// A new token, unless a token that is not revoked has the name (then no row: DUPLICATE).
// ``activeName`` is the name while the token is live; its uniqueness constraint refuses
// the second of two creations racing past the check. Every token change gives the token
// feed a new stamp in the same statement: API processes drop what they cached.
OPTIONAL MATCH (live:ApiToken {name: $name})
WHERE live.revokedAt IS NULL
WITH count(live) AS taken
WHERE taken = 0
CREATE (t:ApiToken {id: $id, name: $name, activeName: $name, role: $role, hash: $hash,
                    prefix: $prefix, permissions: $permissions, scopes: $scopes,
                    createdAt: datetime(),
                    updatedAt: datetime()})
WITH t
MERGE (f:ChangeFeed {name: $feed})
SET f.seq = coalesce(f.seq, 0) + 1, f.stamp = randomUUID()
RETURN t {.id, .name, .role, .permissions, .scopes, .prefix, .createdAt, .revokedAt} AS token
