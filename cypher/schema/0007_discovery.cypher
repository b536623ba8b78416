// Discovery: runs, named SNMP credential sets, and look-ups for identification.
CREATE CONSTRAINT discovery_run_id IF NOT EXISTS FOR (n:DiscoveryRun) REQUIRE n.id IS UNIQUE;
CREATE INDEX discovery_run_started_at IF NOT EXISTS FOR (n:DiscoveryRun) ON (n.startedAt);
CREATE INDEX discovery_run_state IF NOT EXISTS FOR (n:DiscoveryRun) ON (n.state);
CREATE CONSTRAINT credential_set_id IF NOT EXISTS FOR (n:CredentialSet) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT credential_set_name IF NOT EXISTS FOR (n:CredentialSet) REQUIRE n.name IS UNIQUE;
// Serial numbers, FQDNs, hostnames and names already have range indexes (0001). A range
// index cannot answer "x IN c.macAddresses" (a list); a full-text index with the keyword
// analyzer indexes each list element as one exact term, so `macAddresses:"aa:bb:..."` is
// an index look-up (1 db hit) instead of a label scan (2 db hits per CI).
CREATE FULLTEXT INDEX ciAddresses IF NOT EXISTS FOR (n:CI) ON EACH [n.macAddresses, n.ipAddresses] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}};
