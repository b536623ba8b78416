// Core CMDB: every domain node carries :Entity so that node(id) and relate() find it by id.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ci_id IF NOT EXISTS FOR (n:CI) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT ci_class_name IF NOT EXISTS FOR (n:CI) REQUIRE (n.ciClass, n.name) IS UNIQUE;
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (n:Service) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT service_name IF NOT EXISTS FOR (n:Service) REQUIRE n.name IS UNIQUE;
CREATE INDEX ci_name IF NOT EXISTS FOR (n:CI) ON (n.name);
CREATE INDEX ci_class IF NOT EXISTS FOR (n:CI) ON (n.ciClass);
CREATE INDEX ci_status IF NOT EXISTS FOR (n:CI) ON (n.status);
CREATE INDEX ci_environment IF NOT EXISTS FOR (n:CI) ON (n.environment);
CREATE INDEX ci_hostname IF NOT EXISTS FOR (n:CI) ON (n.hostname);
CREATE INDEX ci_fqdn IF NOT EXISTS FOR (n:CI) ON (n.fqdn);
CREATE INDEX ci_serial IF NOT EXISTS FOR (n:CI) ON (n.serialNumber);
CREATE INDEX service_criticality IF NOT EXISTS FOR (n:Service) ON (n.criticality);
CREATE FULLTEXT INDEX ciText IF NOT EXISTS FOR (n:CI) ON EACH [n.name, n.hostname, n.fqdn, n.description, n.serialNumber, n.model, n.manufacturer];
