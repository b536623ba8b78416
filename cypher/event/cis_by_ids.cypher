// Which of these ids are CIs (an event naming its CI explicitly), in one row.
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN collect(c.id) AS ids
