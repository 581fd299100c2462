// The nouns of the office live in the shared vocabulary (main/vocabulary), defined once for main and renderer.
export * from '../vocabulary/cases.ts';
export * from '../vocabulary/people.ts';
