UNWIND $ids AS id
MATCH (c:CI {id: id})
WITH c, c {.*} AS before
DETACH DELETE c
RETURN before
