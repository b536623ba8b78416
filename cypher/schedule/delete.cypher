MATCH (s:Schedule {id: $id})
WITH s, s {.*} AS before
DELETE s
RETURN before
