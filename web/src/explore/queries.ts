/** GraphQL documents of the explore page. */

export const SEARCH = `query ExplorerSearch($q: String!, $first: Int!) {
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
}`;

/** One shortest path over the whole graph (nodes and edges in path order, empty if none). */
export const SHORTEST_PATH = `query ExplorerShortestPath($from: ID!, $to: ID!, $maxHops: Int!) {
  shortestPath(fromId: $from, toId: $to, maxHops: $maxHops) {
    truncated
    nodes { id name labels status }
    edges { id source target type kind }
  }
}`;

/** A neighbourhood; collapsed, lifecycle events and installed software come as counts. */
export const GRAPH = `query ExplorerGraph($id: ID!, $depth: Int!, $types: [RelationshipType!], $collapse: Boolean!) {
  graph(centerId: $id, depth: $depth, types: $types, collapse: $collapse) {
    truncated
    nodes { id name labels status }
    edges { id source target type kind }
    aggregates { nodeId kind type count sharedWith }
  }
}`;
