MATCH (s:Service {id: $id})
WITH s, s {.*} AS before
DETACH DELETE s
RETURN before
