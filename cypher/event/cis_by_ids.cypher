// Which of these ids are CIs (an event naming its CI explicitly).
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c.id AS id
