// Open one task per subject: a new subject creates it, the same subject seen again
// counts the occurrence (and refreshes the evidence while the task is open). A resolved
// task is never reopened: its resolution decides the subject from then on.
UNWIND $tasks AS t
MERGE (n:ReconciliationTask {key: t.key})
ON CREATE SET n:Entity, n.id = t.id, n.name = t.name, n.state = 'OPEN', n.source = t.source,
              n.reason = t.reason, n.candidateIds = t.candidateIds, n.subject = t.subject,
              n.occurrences = 0, n.createdAt = $now
SET n.occurrences = n.occurrences + 1, n.lastSeen = $now, n.updatedAt = $now
WITH n, t
CALL (n, t) {
  WITH n, t WHERE n.state = 'OPEN'
  SET n.reason = t.reason, n.candidateIds = t.candidateIds, n.subject = t.subject
}
RETURN n.id AS id, n.occurrences = 1 AS opened
