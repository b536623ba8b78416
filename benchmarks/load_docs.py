"""The explorer's read documents the load benchmark's readers send (copied from
web/src/explore/queries.ts and web/src/details/queries.ts; incidents left out)."""

from __future__ import annotations

SEARCH = """query ExplorerSearch($q: String!, $first: Int!) {
  byName: cis(filter: { nameContains: $q }, first: $first) {
    edges { node { id name labels ciClass status } }
  }
  byText: cis(filter: { text: $q }, first: $first) {
    edges { node { id name labels ciClass status } }
  }
  services(filter: { nameContains: $q }, first: $first) {
    edges { node { id name labels criticality users } }
  }
  assets(filter: { text: $q }, first: $first) {
    edges { node { id name labels assetTag lifecycleState ci { id name } } }
  }
}"""

_EDGE = "type kind node { id name labels }"
_ASSET_FACTS = """fragment AssetFacts on Asset {
  id assetTag name lifecycleState category costCenter serialNumber manufacturer model
  purchaseDate purchaseCost currency inServiceDate warrantyEnd depreciationMethod usefulLifeMonths
  bookValue { amount currency }
  allowedTransitions
  history { seq from to at actor note }
  contracts { id number kind endDate noticeDate autoRenew annualCostMoney { amount currency }
    vendor { name } }
  licensesConsumed { product { name } version metric covered licenses { name } }
  assignedTo { name }
  location { name }
}"""

CI_DETAILS = f"""query ExplorerCIDetails($id: ID!) {{
  ci(id: $id) {{
    id name labels ciClass status environment criticality hostname fqdn ipAddresses os
    manufacturer model serialNumber cores minAvailable sources firstSeen lastSeen
    dependsOn {{ {_EDGE} }}
    dependents {{ {_EDGE} }}
    services {{ id name criticality users slaTarget }}
    installedSoftware {{ version installedAt product {{ name publisher version }} }}
    asset {{ ...AssetFacts }}
  }}
}}
{_ASSET_FACTS}"""
