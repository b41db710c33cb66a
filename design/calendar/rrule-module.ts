import * as rrule from 'rrule';

/**
 * rrule's RRule class under Node and in the workstation's bundle alike: Node loads rrule's
 * CommonJS build (which hands its exports over as `default`), esbuild its ES module build.
 */
export const RRule: typeof rrule.RRule = rrule.RRule ?? (Reflect.get(rrule, 'default') as typeof rrule).RRule;
export type RRule = rrule.RRule;
