// Joint action lists (issue 11): the public surface of the lib.
export {};
export * from './signing';
