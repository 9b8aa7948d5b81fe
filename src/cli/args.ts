/**
 * Every CLI command's argument parsing: Node's `util.parseArgs` (so `--flag value`, `--flag=value` and `--` mean
 * what they mean everywhere), with the checks and the one-line messages the commands print before their help.
 */
import { parseArgs } from 'node:util';
import { termText } from './terminal';

/** One option of a command: a flag (`boolean`) or an option with a value (`string`), and what the value is. */
export interface OptionSpec {
	type: 'boolean' | 'string';
	/** For a `string` option: what the value is, as the error says it ("--policy needs a file"). Default: "a value". */
	value?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** The parsed options: `true` for a flag given, the text for an option given, absent for an option not given. */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : true };

export interface ParsedArgs<O extends OptionSpecs> {
	values: OptionValues<O>;
	positionals: string[];
}

/**
 * Parses a command's arguments against its options. Resolves to the options and the positional arguments, or to
 * what is wrong: an unknown option, an option without its value (or with an empty one), a value given to a flag,
 * more positional arguments than `maxPositionals`. A value may start with a dash (`--log -x.jsonl`); after `--`
 * everything is positional. The last of a repeated option wins.
 */
export function parseCommandArgs<O extends OptionSpecs>(args: readonly string[], options: O, maxPositionals = Infinity): ParsedArgs<O> | string {
	const config: Record<string, { type: 'boolean' | 'string' }> = {};
	for (const [name, spec] of Object.entries(options)) {
		config[name] = { type: spec.type };
	}
	// Non-strict, with tokens: parseArgs splits the arguments and we judge each one, so the messages are ours.
	const { tokens } = parseArgs({ args: [...args], options: config, strict: false, allowPositionals: true, tokens: true });
	const values: Record<string, string | true> = {};
	const positionals: string[] = [];
	for (const token of tokens) {
		if (token.kind === 'positional') {
			if (positionals.length >= maxPositionals) {
				return `unexpected argument '${termText(token.value)}'`;
			}
			positionals.push(token.value);
			continue;
		}
		if (token.kind === 'option-terminator') {
			continue;
		}
		const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
		if (!spec) {
			return `unknown option '${termText(token.rawName)}'`;
		}
		if (spec.type === 'boolean') {
			if (token.inlineValue) {
				return `${token.rawName} takes no value`;
			}
			values[token.name] = true;
		} else {
			if (token.value === undefined || token.value === '') {
				return `${token.rawName} needs ${spec.value ?? 'a value'}`;
			}
			values[token.name] = token.value;
		}
	}
	return { values: values as OptionValues<O>, positionals };
}
