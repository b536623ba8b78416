// What decides which graph each incident's reports read (services/itsm_common
// .topology_moments): when it opened, when it was recorded, and what it affects.
UNWIND $ids AS id
MATCH (i:Incident {id: id})
RETURN id, i.openedAt AS openedAt, i.createdAt AS createdAt,
       [(i)-[:AFFECTS]->(n) | n.id] AS affects
