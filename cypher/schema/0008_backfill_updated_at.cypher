// Nodes created before 0008 lacked updatedAt (their create query read createdAt before the
// same SET had assigned it): start their update history at their creation.
MATCH (n:Entity) WHERE n.updatedAt IS NULL AND n.createdAt IS NOT NULL SET n.updatedAt = n.createdAt;
