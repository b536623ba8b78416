MATCH (s:Schedule)
WHERE s.id IN $ids
RETURN s {.*} AS schedule
