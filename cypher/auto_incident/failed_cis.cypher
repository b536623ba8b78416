// Which of these CIs are failed now (status in $failed), read under the services' locks.
UNWIND $ids AS id
MATCH (c:CI {id: id})
WHERE c.status IN $failed
RETURN c.id AS id, c.name AS name, c.status AS status
