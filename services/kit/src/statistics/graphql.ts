import { Directive, Field, Float, Int, ObjectType } from "type-graphql";

import type { ResolutionFigures } from "./resolution";

/** The resolution forms' figures, with the derived rates. */
@Directive("@shareable")
@ObjectType("ResolutionFigures", { description: "Figures of 01/KQGQ (complaints) or 03/KQGQ (denunciations), from the records" })
export class ResolutionFiguresType {
  @Field(() => Int, { description: "Accepted before the period, not resolved before it" })
  carriedOver!: number;

  @Field(() => Int, { description: "Accepted (thụ lý) during the period" })
  newlyAccepted!: number;

  @Field(() => Int, { description: "Cases within competence to resolve: carried over + newly accepted" })
  toResolve!: number;

  @Field(() => Int, { description: "Resolved during the period (decision, withdrawal or termination)" })
  resolved!: number;

  @Field(() => Int)
  resolvedByDecision!: number;

  @Field(() => Int)
  withdrawn!: number;

  @Field(() => Int, { description: "Withdrawn after explanation and persuasion (mediation)" })
  withdrawnAfterPersuasion!: number;

  @Field(() => Int)
  terminated!: number;

  @Field(() => Int)
  right!: number;

  @Field(() => Int)
  wrong!: number;

  @Field(() => Int)
  partlyRight!: number;

  @Field(() => Int, { description: "2nd instance: 1st-instance decision upheld" })
  upheld!: number;

  @Field(() => Int, { description: "2nd instance: annulled or amended" })
  annulledOrAmended!: number;

  @Field(() => Int, { description: "Decided by the resolution deadline" })
  onTime!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => Int, { description: "Unresolved at the end of the period" })
  unresolved!: number;

  @Field(() => Int, { description: "Unresolved at the end of the period and past their deadline then" })
  overdueAtEnd!: number;

  @Field(() => Float)
  moneyToRecoverVnd!: number;

  @Field(() => Float)
  moneyToReturnVnd!: number;

  @Field(() => Float)
  landToRecoverM2!: number;

  @Field(() => Float)
  landToReturnM2!: number;

  @Field(() => Int)
  peopleDisciplined!: number;

  @Field(() => Int)
  sentToInvestigation!: number;

  @Field(() => Float, { nullable: true, description: "resolved / toResolve; null when there was nothing to resolve" })
  resolutionRate!: number | null;

  @Field(() => Float, { nullable: true, description: "onTime / (onTime + late)" })
  onTimeRate!: number | null;

  @Field(() => Float, { nullable: true, description: "withdrawnAfterPersuasion / resolved" })
  withdrawnAfterPersuasionShare!: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10000) / 10000);

/** Adds the derived rates (to four decimals) to a unit's figures. */
export function withRates(f: ResolutionFigures): ResolutionFiguresType {
  return {
    ...f,
    resolutionRate: ratio(f.resolved, f.toResolve),
    onTimeRate: ratio(f.onTime, f.onTime + f.late),
    withdrawnAfterPersuasionShare: ratio(f.withdrawnAfterPersuasion, f.resolved),
  };
}

/** Reception figures of form 01/TCD and of the Party's reception report. */
@Directive("@shareable")
@ObjectType("ReceptionFigures", { description: "Figures of form 01/TCD (reception) and the Party secretaries' reception, from the records" })
export class ReceptionFiguresType {
  @Field(() => Int, { description: "Sessions in every mode (Party secretaries' included)" })
  sessions!: number;

  @Field(() => Int)
  regularSessions!: number;

  @Field(() => Int)
  periodicSessions!: number;

  @Field(() => Int)
  unscheduledSessions!: number;

  @Field(() => Int, { description: "Heads who received in person" })
  inPersonSessions!: number;

  @Field(() => Int, { description: "Heads who delegated" })
  delegatedSessions!: number;

  @Field(() => Int, { description: "Visits (lượt tiếp)" })
  visits!: number;

  @Field(() => Int, { description: "Persons received" })
  persons!: number;

  @Field(() => Int)
  firstVisits!: number;

  @Field(() => Int)
  repeatVisits!: number;

  @Field(() => Int, {
    nullable: true,
    description: "Matters (cases) the visits were about; null on a total over several levels (a matter visited at two levels is one matter: levels' counts do not add up)",
  })
  cases!: number | null;

  @Field(() => Int, { description: "Large groups (5 persons or more)" })
  largeGroups!: number;

  @Field(() => Int)
  largeGroupPersons!: number;

  @Field(() => Int, { description: "Party secretaries' sessions" })
  partySessions!: number;

  @Field(() => Int, { description: "Citizens received by Party secretaries" })
  partyCitizens!: number;

  @Field(() => Int)
  partyUnscheduledSessions!: number;

  @Field(() => Int)
  partyUnscheduledCitizens!: number;
}

/** Figures of form 01/XLD (processing of petitions). */
@Directive("@shareable")
@ObjectType("ProcessingFigures", { description: "Figures of form 01/XLD (petition processing), from the records" })
export class ProcessingFiguresType {
  @Field(() => Int, { description: "Petitions received in the period, repeats included" })
  petitionsReceived!: number;

  @Field(() => Int)
  repeatPetitions!: number;

  @Field(() => Int, { description: "Cases opened in the period" })
  newCases!: number;

  @Field(() => Int, { description: "Received before the period, not processed when it began" })
  carriedOver!: number;

  @Field(() => Int, { description: "carriedOver + newCases" })
  toProcess!: number;

  @Field(() => Int)
  complaints!: number;

  @Field(() => Int)
  denunciations!: number;

  @Field(() => Int)
  recommendations!: number;

  @Field(() => Int, { description: "Not classified yet" })
  unclassified!: number;

  @Field(() => Int)
  eligible!: number;

  @Field(() => Int)
  ineligible!: number;

  @Field(() => Int)
  withinCompetence!: number;

  @Field(() => Int)
  outsideCompetence!: number;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  transferred!: number;

  @Field(() => Int)
  guided!: number;

  @Field(() => Int)
  urged!: number;

  @Field(() => Int)
  archived!: number;

  @Field(() => Int)
  refused!: number;

  @Field(() => Int, { description: "Still without a processing decision at the end of the period" })
  pending!: number;
}
