// The (ciClass, name) pairs that exist among $keys, with their ids.
UNWIND $keys AS key
MATCH (c:CI {ciClass: key.ciClass, name: key.name})
RETURN c.ciClass AS ciClass, c.name AS name, c.id AS id
