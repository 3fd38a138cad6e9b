// The rule book of the dock: facts, the job and drive state machines, the actions staff take with their
// guards, and the reasons (codes with parameters) for every "no". Operations ask it and add no checks of
// their own; `possibilities` answers from the same guards.
export * from './rules/facts.ts';
export * from './rules/reasons.ts';
export * from './rules/transitions.ts';
export * from './rules/actions.ts';
