// Changes in one of $states (approved work) whose planned window [start, end) holds $at
// and that MODIFY some of these CIs, with those CIs.
UNWIND $ids AS id
MATCH (ci:CI {id: id})<-[:MODIFIES]-(c:Change)
WHERE c.state IN $states AND c.plannedStart <= $at AND $at < c.plannedEnd
WITH c, collect(ci.id) AS ciIds
RETURN c.id AS id, c.number AS number, ciIds
ORDER BY number
