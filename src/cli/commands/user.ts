/**
 * `jig user add --party US --role approver --name NAME`: adds a person to the database and prints,
 * once, a password to replace at first login and an API token. Neither is stored in clear.
 */
import Database from 'better-sqlite3';
import { type Command, Option } from 'commander';
import { JigError, partyId, ROLES, type Role } from '../../core/index.ts';
import { openPeopleTables } from '../../store/people-sqlite.ts';

interface AddOptions {
  readonly db: string;
  readonly party: string;
  readonly role: Role;
  readonly name: string;
  readonly publicKey?: string;
}

async function add(options: AddOptions): Promise<void> {
  if (!/^[A-Z][A-Z0-9_-]{0,31}$/.test(options.party))
    throw new JigError('INVALID_INPUT', 'Invalid party.', {
      issues: [{ pointer: '/party', reason: 'expected a party code such as US' }],
    });
  const publicKey = options.publicKey === undefined ? undefined : Buffer.from(options.publicKey, 'base64url');
  const db = new Database(options.db);
  try {
    const people = openPeopleTables(db);
    if (await people.find(options.name))
      throw new JigError('CONFLICT', `A person named "${options.name}" exists.`, {
        issues: [{ pointer: '/name', reason: 'taken' }],
      });
    const added = await people.add({
      name: options.name,
      party: partyId(options.party),
      role: options.role,
      ...(publicKey ? { publicKey } : {}),
    });
    console.log(
      `added ${added.person.name} (${added.person.role}, ${added.person.party}) id ${added.person.person}`,
    );
    console.log(`password (shown once, replace it at first login): ${added.password}`);
    console.log(`API token (shown once): ${added.token}`);
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  const user = program.command('user').description('Manage the people who may use a jig server');
  user
    .command('add')
    .description('Add a person; prints a one-time password and an API token')
    .requiredOption('--name <name>', 'login name')
    .requiredOption('--party <code>', 'party the person acts for, e.g. US')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--db <file>', 'database file', 'jig.db')
    .option('--public-key <base64url>', 'raw Ed25519 public key, when the person signs on their own device')
    .action((options: AddOptions) => add(options));
}
