// Replace an automatic incident's root-cause candidates ($suspects: {ciId, rank}, rank 1
// the best).
MATCH (i:Incident {id: $id})
OPTIONAL MATCH (i)-[old:SUSPECTS]->()
WITH i, collect(old) AS olds
FOREACH (r IN olds | DELETE r)
WITH i
UNWIND $suspects AS s
MATCH (c:CI {id: s.ciId})
MERGE (i)-[r:SUSPECTS]->(c)
SET r.rank = s.rank
RETURN count(r) AS suspects
