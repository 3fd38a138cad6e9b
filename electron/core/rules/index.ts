// The rule book of the dock: facts, the job and drive state machines, the actions staff take with their
// guards, and the reasons (codes with parameters) for every "no". Operations ask it and add no checks of
// their own; `possibilities` answers from the same guards.
export * from './facts.ts';
export * from './reasons.ts';
export * from './transitions.ts';
export * from './actions.ts';
