// ITSM: incidents and changes (natural key number), and the counters that number them.
CREATE CONSTRAINT incident_id IF NOT EXISTS FOR (n:Incident) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT incident_number IF NOT EXISTS FOR (n:Incident) REQUIRE n.number IS UNIQUE;
CREATE INDEX incident_state IF NOT EXISTS FOR (n:Incident) ON (n.state);
CREATE INDEX incident_priority IF NOT EXISTS FOR (n:Incident) ON (n.priority);
CREATE INDEX incident_opened_at IF NOT EXISTS FOR (n:Incident) ON (n.openedAt);
CREATE INDEX incident_resolved_at IF NOT EXISTS FOR (n:Incident) ON (n.resolvedAt);
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT change_number IF NOT EXISTS FOR (n:Change) REQUIRE n.number IS UNIQUE;
CREATE INDEX change_state IF NOT EXISTS FOR (n:Change) ON (n.state);
CREATE INDEX change_planned_start IF NOT EXISTS FOR (n:Change) ON (n.plannedStart);
CREATE INDEX change_planned_end IF NOT EXISTS FOR (n:Change) ON (n.plannedEnd);
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (n:Sequence) REQUIRE n.name IS UNIQUE;
