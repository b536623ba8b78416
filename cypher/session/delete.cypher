// Sign-out: the session behind a cookie's hash is gone.
MATCH (s:Session {hash: $hash})
WITH s, s.userId AS userId, s.id AS id
DETACH DELETE s
RETURN id, userId
