/** The operations slice's decider: one handler per command type. */
import type { RootState } from '../state.ts';
import { allegeAction, recordImminentAction, reportExecution } from './actions.ts';
import type { OperationsCommand } from './commands.ts';
import type { OpsContext, OpsDecision } from './context.ts';
import { authorizeIntegrated, decideNomination, nominate, withdrawNomination } from './nominations.ts';
import { acknowledge, sendNotice } from './notices.ts';
import { answerDispute, disputeSite, registerSite, withdrawSite } from './sites.ts';

export function decideOperations(s: RootState, c: OperationsCommand, ctx: OpsContext): OpsDecision {
  switch (c.type) {
    case 'RegisterProtectedSite':
      return registerSite(s, c, ctx);
    case 'WithdrawProtectedSite':
      return withdrawSite(s, c, ctx);
    case 'DisputeProtectedSite':
      return disputeSite(s, c, ctx);
    case 'AnswerDispute':
      return answerDispute(s, c, ctx);
    case 'NominateTarget':
      return nominate(s, c, ctx);
    case 'DecideNomination':
      return decideNomination(s, c, ctx);
    case 'WithdrawNomination':
      return withdrawNomination(s, c, ctx);
    case 'AuthorizeIntegratedOperations':
      return authorizeIntegrated(s, c, ctx);
    case 'ReportExecution':
      return reportExecution(s, c, ctx);
    case 'RecordImminentThreatAction':
      return recordImminentAction(s, c, ctx);
    case 'AllegeUnilateralAction':
      return allegeAction(s, c, ctx);
    case 'SendNotice':
      return sendNotice(s, c, ctx);
    case 'AcknowledgeReceipt':
      return acknowledge(s, c, ctx);
  }
}
