// The cause each of these incidents records now (what a reopen or a resolution replaces:
// its CI is locked with the others, in id order, before the pass writes).
UNWIND $ids AS id
MATCH (:Incident {id: id})-[:CAUSED_BY]->(c)
RETURN c.id AS id
