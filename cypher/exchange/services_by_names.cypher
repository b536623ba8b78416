// Business services by exact name (the import's references to services).
MATCH (s:Service) WHERE s.name IN $names
RETURN s.name AS name, s.id AS id
