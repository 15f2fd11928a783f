/** The formats Dispatcher sends (docs/formats.md). */
export type Format = 'cd4cd' | 'snip' | 'georedir' | 'awsys' | 'elido' | 'standard-webhooks';

/** Why a delivery did not verify. */
export type FailureReason =
  | 'unknown_format'
  | 'no_secret'
  | 'invalid_secret'
  | 'invalid_body'
  | 'missing_header'
  | 'malformed_header'
  | 'signature_mismatch'
  | 'timestamp_out_of_tolerance';

/** Request headers: Node's req.headers, a plain object, a Map or Fetch's Headers. Names are matched ignoring case. */
export type HeaderSource =
  | Record<string, string | string[] | undefined>
  | Map<string, string>
  | { get(name: string): string | null };

export interface VerifyOptions {
  /** The webhook's format, as chosen at create. */
  format: Format;
  /** The request's headers. */
  headers: HeaderSource;
  /** The raw request body, before any JSON parsing (express.raw(), not express.json()). */
  body: Buffer | Uint8Array | string;
  /** The webhook's secret. */
  secret?: string;
  /** Every secret to accept, e.g. [new, old] while a rotation's overlap lasts; any match verifies. */
  secrets?: string[];
  /** How far the signed timestamp may be from now, either way. Default 300. Formats that sign no timestamp (snip, georedir, awsys) ignore it. */
  toleranceSeconds?: number;
  /** The receiver's clock: a Date or milliseconds since the epoch. Default: Date.now(). */
  now?: Date | number;
}

export type VerifyResult =
  | {
      ok: true;
      format: Format;
      /** Which of the secrets given matched (0 for the first). */
      secretIndex: number;
      /** The signed unix seconds (cd4cd, elido, standard-webhooks). */
      timestamp?: number;
      /** The event id from the format's id header (snip, georedir, awsys, standard-webhooks). */
      eventId?: string;
    }
  | { ok: false; reason: FailureReason; message: string };

/** Verifies one delivery; never throws for a bad delivery. */
export function verify(options: VerifyOptions): VerifyResult;

/** Like verify, but throws WebhookVerificationError when the delivery does not verify. */
export function verifyOrThrow(options: VerifyOptions): Extract<VerifyResult, { ok: true }>;

export class WebhookVerificationError extends Error {
  readonly reason: FailureReason;
}

export const FORMATS: Readonly<Record<Format, { scheme: 'timestamped' | 'body' | 'standard'; signatureHeader: string; idHeader?: string; timestampHeader?: string }>>;

export const DEFAULT_TOLERANCE_SECONDS: number;
