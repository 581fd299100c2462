// The shared vocabulary: closed lists and small predicates that main and renderer both use as values.
export * from './cases.ts';
export * from './improvements.ts';
export * from './people.ts';
export * from './jobs.ts';
export * from './demo.ts';
export * from './barometer.ts';
export * from './imports.ts';
export * from './accessibility.ts';
export * from './mail.ts';
export * from './connection.ts';
