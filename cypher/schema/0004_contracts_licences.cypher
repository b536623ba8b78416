// Contracts (natural key number), normalised software products (key), licences.
CREATE CONSTRAINT contract_id IF NOT EXISTS FOR (n:Contract) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contract_number IF NOT EXISTS FOR (n:Contract) REQUIRE n.number IS UNIQUE;
CREATE INDEX contract_name IF NOT EXISTS FOR (n:Contract) ON (n.name);
CREATE INDEX contract_kind IF NOT EXISTS FOR (n:Contract) ON (n.kind);
CREATE INDEX contract_end_date IF NOT EXISTS FOR (n:Contract) ON (n.endDate);
CREATE CONSTRAINT software_product_id IF NOT EXISTS FOR (n:SoftwareProduct) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT software_product_key IF NOT EXISTS FOR (n:SoftwareProduct) REQUIRE n.key IS UNIQUE;
CREATE INDEX software_product_family IF NOT EXISTS FOR (n:SoftwareProduct) ON (n.family);
CREATE INDEX software_product_name IF NOT EXISTS FOR (n:SoftwareProduct) ON (n.name);
CREATE CONSTRAINT license_id IF NOT EXISTS FOR (n:License) REQUIRE n.id IS UNIQUE;
CREATE INDEX license_name IF NOT EXISTS FOR (n:License) ON (n.name);
CREATE INDEX license_metric IF NOT EXISTS FOR (n:License) ON (n.metric);
CREATE INDEX asset_warranty_end IF NOT EXISTS FOR (n:Asset) ON (n.warrantyEnd);
