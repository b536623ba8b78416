// A session for a user who may still sign in (none when disabled meanwhile); the
// sign-in is recorded on the user, and sessions past their expiry are dropped.
MATCH (u:User {id: $userId})
WHERE u.disabledAt IS NULL
SET u.lastSignInAt = datetime()
CREATE (s:Session {id: $id, hash: $hash, userId: u.id, createdAt: datetime(),
                   expiresAt: datetime() + duration({seconds: $lifetimeS})})
WITH s
CALL () {
  MATCH (old:Session)
  WHERE old.expiresAt < datetime()
  WITH old LIMIT 1000
  DETACH DELETE old
}
RETURN s {.id, .userId, .createdAt, .expiresAt} AS session
