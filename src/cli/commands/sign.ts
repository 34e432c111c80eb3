/**
 * On a person's own device: `jig keygen` makes the Ed25519 key they keep (the server is given only
 * its public key, with `jig user add --public-key`), and `jig sign` signs one command with it for
 * `POST /api/v1/commands/signed`. The server holds no key of such a person, so it cannot act in
 * their name; the ledger keeps each envelope for anyone to check (`jig ledger verify`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { JigError, parseRfc3339 } from '../../core/index.ts';
import {
  MIN_NONCE_BYTES,
  generateSigningKey,
  privateKeyFromPem,
  privateKeyToPem,
  rawPublicKey,
  signCommand,
} from '../../ledger/index.ts';

interface SignOptions {
  readonly keyFile: string;
  readonly origin: string;
  readonly person: string;
  readonly at?: string;
}

export function register(program: Command): void {
  program
    .command('keygen')
    .description(
      'make an Ed25519 key for signing commands on this device; prints the public key for `jig user add --public-key`',
    )
    .requiredOption('--key-file <file>', 'where to write the private key (PKCS#8 PEM); must not exist')
    .action((opts: { keyFile: string }) => keygen(opts.keyFile));
  program
    .command('sign')
    .description(
      'sign a command (JSON, `type` included) for POST /api/v1/commands/signed; prints the envelope',
    )
    .requiredOption('--key-file <file>', 'Ed25519 private key (PKCS#8 PEM), e.g. from `jig keygen`')
    .requiredOption('--origin <origin>', "the log's origin (the name of its key at GET /api/v1/ledger/keys)")
    .requiredOption('--person <id>', 'your person id (printed by `jig user add`)')
    .option('--at <time>', 'RFC 3339 UTC signing time (default: now)')
    .argument('[command]', 'file holding the command (default: stdin)')
    .action((file: string | undefined, opts: SignOptions) => sign(file, opts));
}

function keygen(keyFile: string): void {
  if (existsSync(keyFile)) throw new JigError('CONFLICT', `${keyFile} exists: it is not overwritten`);
  const key = generateSigningKey();
  writeFileSync(keyFile, privateKeyToPem(key), { mode: 0o600, flag: 'wx' });
  console.log(Buffer.from(rawPublicKey(key)).toString('base64url'));
}

function sign(file: string | undefined, opts: SignOptions): void {
  const key = privateKeyFromPem(readFileSync(opts.keyFile, 'utf8'));
  if (key === undefined) throw new JigError('INVALID_INPUT', `${opts.keyFile} holds no Ed25519 private key`);
  const text = readFileSync(file ?? 0, 'utf8');
  let command: unknown;
  try {
    command = JSON.parse(text);
  } catch {
    throw new JigError('INVALID_INPUT', 'The command is not JSON.', {
      issues: [{ pointer: '', reason: 'not JSON' }],
    });
  }
  if (
    typeof command !== 'object' ||
    command === null ||
    typeof (command as { type?: unknown }).type !== 'string'
  )
    throw new JigError('INVALID_INPUT', 'The command is not a command.', {
      issues: [{ pointer: '/type', reason: 'a command is a JSON object with a string type' }],
    });
  const at = opts.at ?? new Date().toISOString();
  if (!at.endsWith('Z') || parseRfc3339(at) === undefined)
    throw new JigError('INVALID_INPUT', '--at must be an RFC 3339 UTC time ending in Z');
  const signed = signCommand(key, opts.origin, {
    person: opts.person,
    command: command as { type: string },
    at,
    nonce: randomBytes(MIN_NONCE_BYTES).toString('base64url'),
  });
  console.log(JSON.stringify(signed));
}
