import { loadConfig } from "../../config";
import { migrate } from "../../db/database";
import { PUBLISHER_KINDS, type PublisherKind } from "../../publishing/publisher-kind";
import {
  createPublisher,
  issueApiKey,
  listPublishers,
  PublisherAdminError,
  revokeApiKey,
  type IssuedKey,
  type PublisherSummary,
} from "../../publishing/publishers";
import { openCommandDatabase } from "../cli-database";
import { CliError, ExitCode, type CliIo, type Command, type CommandArgs } from "../command";

const USAGE = `Usage:
  inovasi publisher create --name NAME [--region CODE|NAME] [--competition SLUG ...] [--kind KIND]
  inovasi publisher list
  inovasi publisher key --name NAME
  inovasi publisher revoke PREFIX|KEY

Publishers write to the catalogue through the GraphQL mutations, with an API key sent as
"Authorization: Bearer <key>". A publisher writes only inside its scope: a region (a province covers
its regencies and cities) and/or the competition series it organises (see the README, "Publishing").

  create   Registers a publisher and prints its first API key, ONCE: only a hash is stored.
           --region       Kemendagri code or name, e.g. 33 or "Jawa Tengah".
           --competition  Slug of a series it organises, e.g. kipp-jawa-tengah; repeat for more.
           --kind         ${PUBLISHER_KINDS.join(", ")} (default: regional_government with
                          a region, organiser without).
  list     Lists publishers, their scopes and their keys (prefix, created, last used, revoked).
  key      Makes another API key for a publisher (for rotation; revoke the old one after). Printed once.
  revoke   Revokes a key, named by its prefix (12 hex digits, from "list") or given whole.

Options:
  --json   Print the result as JSON.

Works on the database the configuration names (DATABASE_URL, or the embedded one in INOVASI_DATA_DIR).`;

function describeScope(p: PublisherSummary): string {
  const parts = [p.region ? `region ${p.region.code} ${p.region.name}` : null, p.competitions.length > 0 ? `competitions ${p.competitions.join(", ")}` : null];
  return parts.filter((x) => x !== null).join("; ");
}

function printIssued(io: CliIo, issued: IssuedKey): void {
  io.stdout(
    `API key for "${issued.publisher}" (prefix ${issued.prefix}). It is shown only this once and cannot be recovered:\n\n` +
      `  ${issued.key}\n\n` +
      `Send it with every mutation as the header:  Authorization: Bearer ${issued.key.slice(0, 21)}…\n`,
  );
}

function day(value: Date | null): string {
  return value ? value.toISOString().slice(0, 10) : "-";
}

function single(args: CommandArgs, name: string): string | null {
  const value = args.values[name];
  return typeof value === "string" ? value : null;
}

async function run(args: CommandArgs, io: CliIo): Promise<number> {
  const [action, ...rest] = args.positionals;
  const json = args.values.json === true;
  if (action === undefined || !["create", "list", "key", "revoke"].includes(action)) {
    throw new CliError(`${action === undefined ? "Name an action" : `Unknown action "${action}"`}.\n\n${USAGE}`, ExitCode.USAGE);
  }
  if (rest.length > (action === "revoke" ? 1 : 0)) throw new CliError(`Unexpected argument "${rest.at(-1)}".\n\n${USAGE}`, ExitCode.USAGE);
  const name = single(args, "name");
  if ((action === "create" || action === "key") && name === null) throw new CliError(`"publisher ${action}" needs --name.`, ExitCode.USAGE);
  if (action === "revoke" && rest.length === 0) throw new CliError(`"publisher revoke" needs the key's prefix (see "inovasi publisher list") or the key.`, ExitCode.USAGE);
  const kind = single(args, "kind");
  if (kind !== null && !PUBLISHER_KINDS.includes(kind as PublisherKind)) {
    throw new CliError(`Unknown --kind "${kind}"; use one of ${PUBLISHER_KINDS.join(", ")}.`, ExitCode.USAGE);
  }

  const config = loadConfig();
  const database = await openCommandDatabase(config, `publisher ${action}`);
  try {
    await migrate(database.dataSource);
    const ds = database.dataSource;
    switch (action) {
      case "create": {
        const competitions = (args.values.competition as string[] | undefined) ?? [];
        const { publisher, issued } = await createPublisher(ds, { name: name!, kind: kind as PublisherKind | null, region: single(args, "region"), competitions });
        if (json) {
          io.stdout(`${JSON.stringify({ publisher, key: issued.key }, null, 2)}\n`);
        } else {
          io.stdout(`Created publisher "${publisher.name}" (${publisher.kind}), scope: ${describeScope(publisher)}.\n`);
          printIssued(io, issued);
        }
        return ExitCode.OK;
      }
      case "list": {
        const publishers = await listPublishers(ds);
        if (json) {
          io.stdout(`${JSON.stringify(publishers, null, 2)}\n`);
          return ExitCode.OK;
        }
        if (publishers.length === 0) {
          io.stdout(`No publishers yet. Create one with "inovasi publisher create --name NAME --region CODE".\n`);
          return ExitCode.OK;
        }
        const lines: string[] = [];
        for (const p of publishers) {
          lines.push(`${p.name} (${p.kind}), scope: ${describeScope(p)}`);
          for (const k of p.keys) {
            const state = k.revokedAt ? `revoked ${day(k.revokedAt)}` : "active";
            lines.push(`  key ${k.prefix}  created ${day(k.createdAt)}  last used ${day(k.lastUsedAt)}  ${state}`);
          }
        }
        io.stdout(`${lines.join("\n")}\n`);
        return ExitCode.OK;
      }
      case "key": {
        const issued = await issueApiKey(ds, name!);
        if (json) io.stdout(`${JSON.stringify(issued, null, 2)}\n`);
        else printIssued(io, issued);
        return ExitCode.OK;
      }
      default: {
        const revoked = await revokeApiKey(ds, rest[0]);
        if (json) {
          io.stdout(`${JSON.stringify(revoked, null, 2)}\n`);
        } else {
          io.stdout(
            revoked.alreadyRevoked
              ? `Key ${revoked.prefix} of "${revoked.publisher}" was already revoked on ${day(revoked.revokedAt)}.\n`
              : `Revoked key ${revoked.prefix} of "${revoked.publisher}". Requests with it now fail with UNAUTHENTICATED.\n`,
          );
        }
        return ExitCode.OK;
      }
    }
  } catch (error) {
    if (error instanceof PublisherAdminError) throw new CliError(error.message);
    throw error;
  } finally {
    await database.close();
  }
}

/** `inovasi publisher`: registers publishers, makes and revokes their API keys. */
export const publisherCommand: Command = {
  help: USAGE,
  allowPositionals: true,
  options: {
    name: { type: "string" },
    kind: { type: "string" },
    region: { type: "string" },
    competition: { type: "string", multiple: true },
    json: { type: "boolean", default: false },
  },
  run,
};
