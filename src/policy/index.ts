export { AgreementSchema, BASE_VIOLATION_KINDS, GROUP_MODES } from './schema.ts';
export type { Agreement, DesignatedGroup, GroupMode, SiteCategory } from './schema.ts';
export { formatIssue, formatPath, parseAgreement, parseAgreementYaml } from './parse.ts';
export type { PolicyIssue } from './parse.ts';
