MATCH (a:Asset {id: $id})
WITH a, a {.*} AS before
SET a += $props, a.updatedAt = datetime()
RETURN before, a {.*, labels: labels(a)} AS asset
