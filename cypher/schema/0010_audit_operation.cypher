// Past imports are read back from their audit entries by operation prefix
// (cypher/audit/import_runs.cypher: importCIs, importAssets …): a range index serves
// STARTS WITH, so the explorer's list of imports does not scan the whole audit log.
CREATE INDEX audit_entry_operation IF NOT EXISTS FOR (n:AuditEntry) ON (n.operation);
