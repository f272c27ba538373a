import { configSchema, type AppConfig } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly variable: string, readonly problem: string) {
    super(`Ongeldige configuratie: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment. Throws a ConfigError naming the first wrong variable;
 * the secret's value is never part of the message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings count as "not set", as in most twelve-factor tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue.path.join('.') || 'configuratie';
    throw new ConfigError(variable, issue.message);
  }
  return parsed.data;
}

/** For entry points: on a bad configuration print one line and stop the process. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
