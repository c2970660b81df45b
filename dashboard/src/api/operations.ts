// Every operation the dashboard sends to the gateway, typed by codegen (src/gql) against the API
// schema. Operations whose name ends in "ThreeLevel" read the district level and are only sent when
// the graph has it; every other one must also fit the two-level graph (scripts/check-two-level.mjs).
import { graphql } from "../gql";

/** The fields of the report rows the dashboard shows. */
export const HeadlineFragment = graphql(`
  fragment Headline on ReportFigures {
    reception { persons visits largeGroups largeGroupPersons }
    processing { petitionsReceived newCases }
    complaints { toResolve newlyAccepted resolved withdrawnAfterPersuasion onTime late overdueAtEnd resolutionRate onTimeRate }
    denunciations { toResolve newlyAccepted resolved withdrawnAfterPersuasion onTime late overdueAtEnd resolutionRate onTimeRate }
  }
`);

/** What a month contributes to the monthly intake chart. */
export const IntakeFragment = graphql(`
  fragment Intake on ReportFigures {
    processing { petitionsReceived }
    reception { persons }
  }
`);

/** Monthly figures of a province in the three-level graph: its bodies, its districts', its communes'. */
export const MonthProvince3Fragment = graphql(`
  fragment MonthProvince3 on ProvinceReport {
    provinceLevel { ...Intake }
    districtLevel { ...Intake }
    communeLevel { ...Intake }
  }
`);

/** Monthly figures of a province in the two-level graph. */
export const MonthProvinceFragment = graphql(`
  fragment MonthProvince on ProvinceReport {
    provinceLevel { ...Intake }
    communeLevel { ...Intake }
  }
`);

/** Monthly figures of a district. */
export const MonthDistrictFragment = graphql(`
  fragment MonthDistrict on DistrictReport {
    districtLevel { ...Intake }
    communeLevel { ...Intake }
  }
`);

/** Monthly figures of a commune. */
export const MonthCommuneFragment = graphql(`
  fragment MonthCommune on CommuneReport {
    communeLevel { ...Intake }
  }
`);

/** The fields every case list shows, whatever the level. */
export const CaseRowFragment = graphql(`
  fragment CaseRow on Case {
    id
    level
    kind
    status
    receivedAt
    dueAt
    overdue
    daysLeft
    daysLate
    unit { id name unitCode sector }
  }
`);

/** A case seen from a journey: enough to name it and link to it. */
export const JourneyCaseFragment = graphql(`
  fragment JourneyCase on Case {
    id
    level
    status
    dueAt
    overdue
    unit { id name }
  }
`);

/** A case's whole journey across bodies and levels. */
export const JourneyFragment = graphql(`
  fragment JourneyParts on Journey {
    inTransit
    origin { __typename ...JourneyCase }
    currentHolder { __typename ...JourneyCase }
    hops {
      id kind fromLevel fromBodyId toLevel toBodyId reason legalBasis sentOn deliveredAt status returnReason outcomeStatus
      fromCase { __typename ...JourneyCase }
      toCase { __typename ...JourneyCase }
    }
  }
`);

/** What the graph offers: the district level (three-level profile) and newer fields. */
export const Capabilities = graphql(`
  query Capabilities {
    query: __type(name: "Query") { fields { name args { name } } }
    province: __type(name: "Province") { fields { name } }
    caseFilter: __type(name: "CaseFilter") { inputFields { name } }
  }
`);

/** Every province, for the selector. */
export const Provinces = graphql(`
  query Provinces {
    provinces(first: 100) { code fullName }
  }
`);

/** A province's districts and communes (codes and names) in the three-level graph. */
export const ProvinceUnitsThreeLevel = graphql(`
  query ProvinceUnitsThreeLevel($code: ID!) {
    province(code: $code) { code fullName districts { code fullName communes { code fullName } } }
  }
`);

/** A province's communes in the two-level graph. */
export const ProvinceUnits = graphql(`
  query ProvinceUnits($code: ID!) {
    province(code: $code) { code fullName communes { code fullName } }
  }
`);

/** A district, its province and its communes. */
export const DistrictUnitsThreeLevel = graphql(`
  query DistrictUnitsThreeLevel($code: ID!) {
    district(code: $code) { code fullName province { code fullName } communes { code fullName } }
  }
`);

/** A commune, its district and province (three-level graph). */
export const CommuneUnitThreeLevel = graphql(`
  query CommuneUnitThreeLevel($code: ID!) {
    commune(code: $code) { code fullName district { code fullName } province { code fullName } }
  }
`);

/** A commune and its province (two-level graph). */
export const CommuneUnit = graphql(`
  query CommuneUnit($code: ID!) {
    commune(code: $code) { code fullName province { code fullName } }
  }
`);

/** The province's report rows and its districts' totals, in one request (three-level graph). */
export const ProvinceDashboardThreeLevel = graphql(`
  query ProvinceDashboardThreeLevel($code: ID!, $period: String!) {
    province(code: $code) {
      code
      report(period: $period) {
        from
        to
        total { ...Headline }
        provinceLevel { ...Headline }
        provincialCommittee { ...Headline }
        departments { ...Headline }
        districtLevel { ...Headline }
        communeLevel { ...Headline }
      }
      districts { code fullName report(period: $period) { total { ...Headline } } }
    }
  }
`);

/** The province's report rows and its communes' totals (two-level graph). */
export const ProvinceDashboard = graphql(`
  query ProvinceDashboard($code: ID!, $period: String!) {
    province(code: $code) {
      code
      report(period: $period) {
        from
        to
        total { ...Headline }
        provinceLevel { ...Headline }
        provincialCommittee { ...Headline }
        departments { ...Headline }
        communeLevel { ...Headline }
      }
      communes { code fullName report(period: $period) { total { ...Headline } } }
    }
  }
`);

/** A district's report rows and its communes' totals. */
export const DistrictDashboardThreeLevel = graphql(`
  query DistrictDashboardThreeLevel($code: ID!, $period: String!) {
    district(code: $code) {
      code
      report(period: $period) {
        from
        to
        total { ...Headline }
        districtLevel { ...Headline }
        districtCommittee { ...Headline }
        offices { ...Headline }
        communeLevel { ...Headline }
      }
      communes { code fullName report(period: $period) { total { ...Headline } } }
    }
  }
`);

/** A commune's report. */
export const CommuneDashboard = graphql(`
  query CommuneDashboard($code: ID!, $period: String!) {
    commune(code: $code) {
      code
      report(period: $period) { from to total { ...Headline } communeLevel { ...Headline } }
    }
  }
`);

/** Petitions and citizens received in each month of the period's year. */
export const MonthlyProvinceThreeLevel = graphql(`
  query MonthlyProvinceThreeLevel($code: ID!, $m1: String!, $m2: String!, $m3: String!, $m4: String!, $m5: String!, $m6: String!, $m7: String!, $m8: String!, $m9: String!, $m10: String!, $m11: String!, $m12: String!) {
    province(code: $code) {
      m1: report(period: $m1) { ...MonthProvince3 }
      m2: report(period: $m2) { ...MonthProvince3 }
      m3: report(period: $m3) { ...MonthProvince3 }
      m4: report(period: $m4) { ...MonthProvince3 }
      m5: report(period: $m5) { ...MonthProvince3 }
      m6: report(period: $m6) { ...MonthProvince3 }
      m7: report(period: $m7) { ...MonthProvince3 }
      m8: report(period: $m8) { ...MonthProvince3 }
      m9: report(period: $m9) { ...MonthProvince3 }
      m10: report(period: $m10) { ...MonthProvince3 }
      m11: report(period: $m11) { ...MonthProvince3 }
      m12: report(period: $m12) { ...MonthProvince3 }
    }
  }
`);
/** Petitions and citizens received in each month of the period's year. */
export const MonthlyProvince = graphql(`
  query MonthlyProvince($code: ID!, $m1: String!, $m2: String!, $m3: String!, $m4: String!, $m5: String!, $m6: String!, $m7: String!, $m8: String!, $m9: String!, $m10: String!, $m11: String!, $m12: String!) {
    province(code: $code) {
      m1: report(period: $m1) { ...MonthProvince }
      m2: report(period: $m2) { ...MonthProvince }
      m3: report(period: $m3) { ...MonthProvince }
      m4: report(period: $m4) { ...MonthProvince }
      m5: report(period: $m5) { ...MonthProvince }
      m6: report(period: $m6) { ...MonthProvince }
      m7: report(period: $m7) { ...MonthProvince }
      m8: report(period: $m8) { ...MonthProvince }
      m9: report(period: $m9) { ...MonthProvince }
      m10: report(period: $m10) { ...MonthProvince }
      m11: report(period: $m11) { ...MonthProvince }
      m12: report(period: $m12) { ...MonthProvince }
    }
  }
`);
/** Petitions and citizens received in each month of the period's year. */
export const MonthlyDistrictThreeLevel = graphql(`
  query MonthlyDistrictThreeLevel($code: ID!, $m1: String!, $m2: String!, $m3: String!, $m4: String!, $m5: String!, $m6: String!, $m7: String!, $m8: String!, $m9: String!, $m10: String!, $m11: String!, $m12: String!) {
    district(code: $code) {
      m1: report(period: $m1) { ...MonthDistrict }
      m2: report(period: $m2) { ...MonthDistrict }
      m3: report(period: $m3) { ...MonthDistrict }
      m4: report(period: $m4) { ...MonthDistrict }
      m5: report(period: $m5) { ...MonthDistrict }
      m6: report(period: $m6) { ...MonthDistrict }
      m7: report(period: $m7) { ...MonthDistrict }
      m8: report(period: $m8) { ...MonthDistrict }
      m9: report(period: $m9) { ...MonthDistrict }
      m10: report(period: $m10) { ...MonthDistrict }
      m11: report(period: $m11) { ...MonthDistrict }
      m12: report(period: $m12) { ...MonthDistrict }
    }
  }
`);
/** Petitions and citizens received in each month of the period's year. */
export const MonthlyCommune = graphql(`
  query MonthlyCommune($code: ID!, $m1: String!, $m2: String!, $m3: String!, $m4: String!, $m5: String!, $m6: String!, $m7: String!, $m8: String!, $m9: String!, $m10: String!, $m11: String!, $m12: String!) {
    commune(code: $code) {
      m1: report(period: $m1) { ...MonthCommune }
      m2: report(period: $m2) { ...MonthCommune }
      m3: report(period: $m3) { ...MonthCommune }
      m4: report(period: $m4) { ...MonthCommune }
      m5: report(period: $m5) { ...MonthCommune }
      m6: report(period: $m6) { ...MonthCommune }
      m7: report(period: $m7) { ...MonthCommune }
      m8: report(period: $m8) { ...MonthCommune }
      m9: report(period: $m9) { ...MonthCommune }
      m10: report(period: $m10) { ...MonthCommune }
      m11: report(period: $m11) { ...MonthCommune }
      m12: report(period: $m12) { ...MonthCommune }
    }
  }
`);
/** A page of province cases, newest receipt first. */
export const CasePageProvince = graphql(`
  query CasePageProvince($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {
    provinceCases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...CaseRow summary dueStep } }
    }
  }
`);
/** A page of district cases, newest receipt first. */
export const CasePageDistrictThreeLevel = graphql(`
  query CasePageDistrictThreeLevel($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {
    districtCases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...CaseRow summary dueStep } }
    }
  }
`);
/** A page of commune cases, newest receipt first. */
export const CasePageCommune = graphql(`
  query CasePageCommune($first: Int!, $after: String, $filter: CaseFilter, $orderBy: CaseOrder) {
    communeCases(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...CaseRow summary dueStep } }
    }
  }
`);
/** How many province cases are in each status group (one count per group). */
export const StatusGroupsProvince = graphql(`
  query StatusGroupsProvince($pending: CaseFilter, $active: CaseFilter, $done: CaseFilter, $closed: CaseFilter) {
    pending: provinceCases(first: 1, filter: $pending) { totalCount }
    active: provinceCases(first: 1, filter: $active) { totalCount }
    done: provinceCases(first: 1, filter: $done) { totalCount }
    closed: provinceCases(first: 1, filter: $closed) { totalCount }
  }
`);
/** How many district cases are in each status group (one count per group). */
export const StatusGroupsDistrictThreeLevel = graphql(`
  query StatusGroupsDistrictThreeLevel($pending: CaseFilter, $active: CaseFilter, $done: CaseFilter, $closed: CaseFilter) {
    pending: districtCases(first: 1, filter: $pending) { totalCount }
    active: districtCases(first: 1, filter: $active) { totalCount }
    done: districtCases(first: 1, filter: $done) { totalCount }
    closed: districtCases(first: 1, filter: $closed) { totalCount }
  }
`);
/** How many commune cases are in each status group (one count per group). */
export const StatusGroupsCommune = graphql(`
  query StatusGroupsCommune($pending: CaseFilter, $active: CaseFilter, $done: CaseFilter, $closed: CaseFilter) {
    pending: communeCases(first: 1, filter: $pending) { totalCount }
    active: communeCases(first: 1, filter: $active) { totalCount }
    done: communeCases(first: 1, filter: $done) { totalCount }
    closed: communeCases(first: 1, filter: $closed) { totalCount }
  }
`);
/** One province case with its deadlines, timeline and journey. */
export const CaseDetailProvince = graphql(`
  query CaseDetailProvince($id: ID!) {
    provinceCase(id: $id) {
      ...CaseRow
      summary
      respondent
      field
      dueStep
      onHold
      instance
      dueRule { law article days dayKind description }
      transfer { status attempts lastError }
      suspensions { from to reason }
      timeline { at actor action fromStatus toStatus effectiveOn note changes { field before after } }
      journey { ...JourneyParts }
    }
  }
`);
/** One district case with its deadlines, timeline and journey. */
export const CaseDetailDistrictThreeLevel = graphql(`
  query CaseDetailDistrictThreeLevel($id: ID!) {
    districtCase(id: $id) {
      ...CaseRow
      summary
      respondent
      field
      dueStep
      onHold
      instance
      dueRule { law article days dayKind description }
      transfer { status attempts lastError }
      suspensions { from to reason }
      timeline { at actor action fromStatus toStatus effectiveOn note changes { field before after } }
      journey { ...JourneyParts }
    }
  }
`);
/** One commune case with its deadlines, timeline and journey. */
export const CaseDetailCommune = graphql(`
  query CaseDetailCommune($id: ID!) {
    communeCase(id: $id) {
      ...CaseRow
      summary
      respondent
      field
      dueStep
      onHold
      instance
      dueRule { law article days dayKind description }
      transfer { status attempts lastError }
      suspensions { from to reason }
      timeline { at actor action fromStatus toStatus effectiveOn note changes { field before after } }
      journey { ...JourneyParts }
    }
  }
`);
/** Province cases matching a filter, counted by status and kind (one request). */
export const StatusCountsProvince = graphql(`
  query StatusCountsProvince($filter: CaseFilter) {
    provinceCaseStatusCounts(filter: $filter) { status kind count }
  }
`);

/** Cases the province bodies sent to other bodies in a period, by target level. */
export const TransferFlowsProvince = graphql(`
  query TransferFlowsProvince($period: String!, $unitCodes: [ID!]) {
    provinceTransferFlows(period: $period, unitCodes: $unitCodes) { fromLevel toLevel kind count inTransit pending accepted returned resolved }
  }
`);

/** District cases matching a filter, counted by status and kind (one request). */
export const StatusCountsDistrictThreeLevel = graphql(`
  query StatusCountsDistrictThreeLevel($filter: CaseFilter) {
    districtCaseStatusCounts(filter: $filter) { status kind count }
  }
`);

/** Cases the district bodies sent to other bodies in a period, by target level. */
export const TransferFlowsDistrictThreeLevel = graphql(`
  query TransferFlowsDistrictThreeLevel($period: String!, $unitCodes: [ID!]) {
    districtTransferFlows(period: $period, unitCodes: $unitCodes) { fromLevel toLevel kind count inTransit pending accepted returned resolved }
  }
`);

/** Commune cases matching a filter, counted by status and kind (one request). */
export const StatusCountsCommune = graphql(`
  query StatusCountsCommune($filter: CaseFilter) {
    communeCaseStatusCounts(filter: $filter) { status kind count }
  }
`);

/** Cases the commune bodies sent to other bodies in a period, by target level. */
export const TransferFlowsCommune = graphql(`
  query TransferFlowsCommune($period: String!, $unitCodes: [ID!]) {
    communeTransferFlows(period: $period, unitCodes: $unitCodes) { fromLevel toLevel kind count inTransit pending accepted returned resolved }
  }
`);

