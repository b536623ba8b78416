MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.file = $file, m.checksum = $checksum, m.appliedAt = datetime()
ON MATCH SET m.file = $file, m.checksum = $checksum
RETURN m.version AS version
