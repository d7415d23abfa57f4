import pino, { type Logger } from 'pino';
import { scrubSecrets, SECRET_KEYS } from './redact';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; defaults to stderr so stdout stays free for command output. */
  destination?: pino.DestinationStream;
}

/**
 * Structured JSON logs with secrets removed twice: by key (pino's redact paths) and by value
 * pattern (session ids `00D…!…`, JWTs `eyJ…`), because tokens also hide inside error messages
 * and URLs.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const paths = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'orgwarden' },
      redact: { paths, censor: '[redacted]' },
      formatters: { log: (object) => scrubSecrets(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => scrubSecrets(arg)) as Parameters<typeof method>);
        },
      },
      serializers: { err: (err: unknown) => scrubSecrets(pino.stdSerializers.err(err as Error)) },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
