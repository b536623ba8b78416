// Disable a user and end every session of theirs in the same transaction: the next
// request of any of their browsers is refused.
MATCH (u:User {id: $id})
WITH u, u {.id, .name, .role, .disabledAt} AS before
SET u.disabledAt = coalesce(u.disabledAt, datetime()), u.updatedAt = datetime()
WITH u, before
OPTIONAL MATCH (s:Session {userId: u.id})
DETACH DELETE s
WITH u, before, count(s) AS ended
RETURN before, ended,
       u {.id, .name, .role, .permissions, .scopes, .createdAt, .updatedAt, .disabledAt,
          .lastSignInAt} AS user
