/**
 * A tiny tagged logger. Logs go to stderr so that browser mode's stdout carries only the
 * one line that says where Pilothouse is running.
 */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const quiet = process.env['PILOTHOUSE_LOG'] === 'silent';

export function logger(area: string): Logger {
  const write =
    (level: string) =>
    (message: string, ...details: unknown[]) => {
      if (quiet) return;
      console.error(`${new Date().toISOString()} ${level} [${area}] ${message}`, ...details);
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
