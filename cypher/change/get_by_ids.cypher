UNWIND $ids AS id
MATCH (c:Change {id: id})
RETURN c {.*, labels: labels(c)} AS change
