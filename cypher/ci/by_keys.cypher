// The (ciClass, name) pairs that exist among $keys.
UNWIND $keys AS key
MATCH (c:CI {ciClass: key.ciClass, name: key.name})
RETURN c.ciClass AS ciClass, c.name AS name
