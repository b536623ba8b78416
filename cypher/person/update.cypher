MATCH (n:Person {id: $id})
WITH n, n {.*} AS before
SET n += $props, n.updatedAt = datetime()
RETURN before, n {.*, labels: labels(n)} AS node
