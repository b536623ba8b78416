// Licences: `reference` (entitlement or purchase-order number) is unique, the natural key
// of licence imports. Optional elsewhere: licences created without one are not constrained.
CREATE CONSTRAINT license_reference IF NOT EXISTS FOR (n:License) REQUIRE n.reference IS UNIQUE;
