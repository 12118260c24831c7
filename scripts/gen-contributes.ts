// Writes the generated parts of package.json's `contributes`: the commands (from client/src/commandIds.ts)
// and the `migrationGuard.rules` setting, one property per registered rule. Run it after adding a rule or
// a command: `npm run gen:contributes`. test/unit/contributes.test.ts fails while package.json disagrees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_TITLES } from '../client/src/commandIds';
import { RULES } from '../server/src/core/rules';

export const PACKAGE_JSON = path.join(__dirname, '..', 'package.json');
export const RULE_SETTING_VALUES = ['error', 'warning', 'info', 'hint', 'off'];

export function contributedCommands(): Array<{ command: string; title: string; category: string }> {
  return Object.entries(COMMAND_TITLES).map(([command, title]) => ({ command, title, category: 'Migration Guard' }));
}

export function rulesSetting(): Record<string, unknown> {
  const properties = Object.fromEntries(
    RULES.map((r) => [
      r.id,
      { type: 'string', enum: RULE_SETTING_VALUES, description: `${r.docs.summary} Default: ${r.defaultSeverity}.` },
    ]),
  );
  return {
    type: 'object',
    default: {},
    additionalProperties: false,
    properties,
    markdownDescription:
      'Severity of each rule, or `off`. Rules not listed keep their default severity. Example: `{ "drop-index": "info", "rename-column": "off" }`.',
  };
}

interface PackageJson {
  contributes: { commands: unknown; configuration: { properties: Record<string, unknown> } };
}

function main(): void {
  const pkg = JSON.parse(fs.readFileSync(PACKAGE_JSON, 'utf8')) as PackageJson;
  pkg.contributes.commands = contributedCommands();
  pkg.contributes.configuration.properties['migrationGuard.rules'] = rulesSetting();
  fs.writeFileSync(PACKAGE_JSON, `${JSON.stringify(pkg, null, 2)}\n`);
}

if (require.main === module) main();
