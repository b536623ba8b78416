/** Fetch what the panel shows for a node, by what the node is. */
import { capabilities } from "../api/capabilities";
import type { GraphQL } from "../api/client";
import { assetView, ciView, type DetailsView, genericView, serviceView } from "./model";
import { ASSET_DETAILS, NODE_DETAILS, SERVICE_DETAILS, ciDetailsQuery } from "./queries";
import type { AssetDetails, CIDetails, ServiceDetails } from "./types";

export async function loadDetails(api: GraphQL, id: string, labels: readonly string[]): Promise<DetailsView | null> {
  if (labels.includes("CI")) {
    const caps = await capabilities(api);
    const { ci } = await api.request<{ ci: CIDetails | null }>(ciDetailsQuery(caps.incidents), { id });
    return ci ? ciView(ci) : null;
  }
  if (labels.includes("Service")) {
    const { service } = await api.request<{ service: ServiceDetails | null }>(SERVICE_DETAILS, { id });
    return service ? serviceView(service) : null;
  }
  if (labels.includes("Asset")) {
    const { asset } = await api.request<{ asset: AssetDetails | null }>(ASSET_DETAILS, { id });
    return asset ? assetView(asset) : null;
  }
  const { node } = await api.request<{ node: { name: string; labels: string[] } | null }>(NODE_DETAILS, { id });
  return node ? genericView(node) : null;
}
