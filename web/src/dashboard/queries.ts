/** The dashboard's documents for what the API offers today (metrics: see metrics.ts). */

export const ITAM_DASHBOARD = `query DashboardItam($withinDays: Int!) {
  licensePositions {
    product { id name }
    metric entitled consumed position status shortfall
    yearlySaving { amount currency }
  }
  expiring(withinDays: $withinDays) {
    kind id reference endDate noticeDate daysToEnd noticePassed autoRenew highestCriticality
    services { name }
  }
  fleetValue(groupBy: CATEGORY) {
    asOf unvalued
    groups { key currency assetCount cost bookValue depreciation }
    totals { currency assetCount cost bookValue depreciation }
  }
}`;
