// The properties identity keys are computed from, of the CIs given.
UNWIND $ids AS id
MATCH (c:CI {id: id})
RETURN c {.id, .ciClass, .name, .hostname, .fqdn, .serialNumber, .manufacturer,
          .macAddresses, .ipAddresses, .environment} AS ci
