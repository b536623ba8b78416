// The CI an asset tracks, who holds it and where it is (each at most one).
UNWIND $ids AS id
MATCH (a:Asset {id: id})
OPTIONAL MATCH (a)-[:TRACKS]->(c:CI)
OPTIONAL MATCH (a)-[:ASSIGNED_TO]->(p:Person)
OPTIONAL MATCH (a)-[:LOCATED_AT]->(l:Location)
RETURN id, c {.*, labels: labels(c)} AS ci, p {.*, labels: labels(p)} AS person,
       l {.*, labels: labels(l)} AS location
