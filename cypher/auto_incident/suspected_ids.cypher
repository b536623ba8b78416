// The CIs these incidents name as root-cause candidates now (what a search's write
// unlinks: deleting a SUSPECTS link locks its CI, so they are locked in order first).
UNWIND $ids AS id
MATCH (:Incident {id: id})-[:SUSPECTS]->(c)
RETURN DISTINCT c.id AS id
