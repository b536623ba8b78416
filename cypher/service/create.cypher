CREATE (s:Entity:Service {id: $id})
SET s += $props, s.createdAt = datetime(), s.updatedAt = s.createdAt
RETURN s {.*, labels: labels(s)} AS service
