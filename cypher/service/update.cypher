MATCH (s:Service {id: $id})
WITH s, s {.*} AS before
SET s += $props, s.updatedAt = datetime()
RETURN before, s {.*, labels: labels(s)} AS service
