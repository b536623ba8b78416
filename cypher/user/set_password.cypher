// A new password hash; every session of the user ends with the old password.
MATCH (u:User {id: $id})
SET u.passwordHash = $passwordHash, u.updatedAt = datetime()
WITH u
OPTIONAL MATCH (s:Session {userId: u.id})
DETACH DELETE s
WITH u, count(s) AS ended
RETURN ended,
       u {.id, .name, .role, .permissions, .scopes, .createdAt, .updatedAt, .disabledAt,
          .lastSignInAt} AS user
