CREATE (s:Entity:Service {id: $id})
SET s += $props, s.createdAt = datetime(), s.updatedAt = datetime()
RETURN s {.*, labels: labels(s)} AS service
