/** Fetch what the panel shows for a node, by what the node is; of a past moment when the
 * explorer draws one (the API answers ``asOf`` from history). */
import { capabilities } from "../api/capabilities";
import type { GraphQL } from "../api/client";
import { assetView, ciView, type DetailsView, genericView, serviceView } from "./model";
import { assetDetailsQuery, ciDetailsQuery, nodeDetailsQuery, serviceDetailsQuery } from "./queries";
import type { AssetDetails, CIDetails, ServiceDetails } from "./types";

/** ``asOf``'s variables: the moment, and its date for book values. */
function momentVars(asOf: Date | null): Record<string, string> {
  return asOf ? { asOf: asOf.toISOString(), day: asOf.toISOString().slice(0, 10) } : {};
}

export async function loadDetails(
  api: GraphQL,
  id: string,
  labels: readonly string[],
  asOf: Date | null = null,
): Promise<DetailsView | null> {
  const past = asOf !== null;
  const vars = { id, ...momentVars(asOf) };
  if (labels.includes("CI")) {
    const caps = await capabilities(api);
    const { ci } = await api.request<{ ci: CIDetails | null }>(ciDetailsQuery(caps.incidents, past), vars);
    return ci ? ciView(ci, new Date(), asOf) : null;
  }
  const at = asOf ? { id, asOf: asOf.toISOString() } : { id };
  if (labels.includes("Service")) {
    const { service } = await api.request<{ service: ServiceDetails | null }>(serviceDetailsQuery(past), at);
    return service ? serviceView(service, asOf) : null;
  }
  if (labels.includes("Asset")) {
    const { asset } = await api.request<{ asset: AssetDetails | null }>(assetDetailsQuery(past), vars);
    return asset ? assetView(asset, new Date(), asOf) : null;
  }
  const { node } = await api.request<{ node: { name: string; labels: string[] } | null }>(nodeDetailsQuery(past), at);
  return node ? genericView(node, asOf) : null;
}
