// ITAM: assets (natural key assetTag), their lifecycle events, vendors, locations, people.
CREATE CONSTRAINT asset_id IF NOT EXISTS FOR (n:Asset) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT asset_tag IF NOT EXISTS FOR (n:Asset) REQUIRE n.assetTag IS UNIQUE;
CREATE INDEX asset_name IF NOT EXISTS FOR (n:Asset) ON (n.name);
CREATE INDEX asset_lifecycle_state IF NOT EXISTS FOR (n:Asset) ON (n.lifecycleState);
CREATE INDEX asset_category IF NOT EXISTS FOR (n:Asset) ON (n.category);
CREATE INDEX asset_cost_center IF NOT EXISTS FOR (n:Asset) ON (n.costCenter);
CREATE INDEX asset_serial IF NOT EXISTS FOR (n:Asset) ON (n.serialNumber);
CREATE CONSTRAINT lifecycle_event_id IF NOT EXISTS FOR (n:LifecycleEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX lifecycle_event_at IF NOT EXISTS FOR (n:LifecycleEvent) ON (n.at);
CREATE CONSTRAINT vendor_id IF NOT EXISTS FOR (n:Vendor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT vendor_name IF NOT EXISTS FOR (n:Vendor) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT location_name IF NOT EXISTS FOR (n:Location) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_email IF NOT EXISTS FOR (n:Person) REQUIRE n.email IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
