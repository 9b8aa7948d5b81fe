#!/usr/bin/env node
// Writes test/support/ocsf/ocsf-classes.schema.json, a JSON Schema (draft-07) of the OCSF event classes the audit
// mirror uses, generated from a checkout of the public OCSF schema (https://github.com/ocsf/ocsf-schema): every
// attribute a class has (through `extends`, `$include`d profiles and includes) with its dictionary type, `required`
// where OCSF says "required", enums of the `*_id` attributes, object attributes resolved the same way (with their
// `at_least_one` / `just_one` constraints), and nothing else (additionalProperties: false).
// The OCSF checkout is not part of this repository; the generated file is, with the commit it came from.
//
//   node test/support/ocsf/generate.mjs <ocsf-schema checkout> [commit]
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPLIED_PROFILES, OCSF_CLASSES } from './classes.mjs';

const [root, commit = 'unknown'] = process.argv.slice(2);
if (!root) {
	console.error('usage: generate.mjs <ocsf-schema checkout> [commit]');
	process.exit(2);
}
const read = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const dictionary = read('dictionary.json');
const types = dictionary.types.attributes;
const dict = dictionary.attributes;
const categories = read('categories.json').attributes;
const version = read('version.json').version;

function walk(dir) {
	const out = [];
	for (const name of readdirSync(join(root, dir))) {
		const p = join(dir, name);
		if (statSync(join(root, p)).isDirectory()) {
			out.push(...walk(p));
		} else if (name.endsWith('.json')) {
			out.push(p);
		}
	}
	return out;
}
const events = new Map(walk('events').map((p) => [read(p).name, { ...read(p), file: p }]));
const objects = new Map(walk('objects').map((p) => [read(p).name, read(p)]));

/** A definition's own attributes with its `$include`s merged in (the including file's own keys win). */
function ownAttributes(def) {
	const attrs = {};
	for (const inc of def.attributes?.$include ?? []) {
		const profile = inc.startsWith('profiles/') ? read(inc).name : undefined;
		for (const [k, v] of Object.entries(ownAttributes(read(inc)))) {
			attrs[k] = profile ? { ...v, fromProfile: profile } : v;
		}
	}
	for (const [k, v] of Object.entries(def.attributes ?? {})) {
		if (k !== '$include') {
			const enumValues = attrs[k]?.enum && v.enum ? { enum: { ...attrs[k].enum, ...v.enum } } : {};
			attrs[k] = { ...(attrs[k] ?? {}), ...v, ...enumValues };
			if (v.profile === null) {
				delete attrs[k].fromProfile; // Redefined by the class itself: no longer the profile's.
			}
		}
	}
	return attrs;
}

/** Attributes through the `extends` chain, base first; a child's keys refine its parent's. */
function resolved(def, table) {
	const base = def.extends ? resolved(table.get(def.extends), table) : { attributes: {}, constraints: {} };
	const attributes = { ...base.attributes };
	for (const [k, v] of Object.entries(ownAttributes(def))) {
		// A child's enum adds to its parent's (base_event's 0 Unknown and 99 Other stay valid).
		const enumValues = attributes[k]?.enum && v.enum ? { enum: { ...attributes[k].enum, ...v.enum } } : {};
		attributes[k] = { ...(attributes[k] ?? {}), ...v, ...enumValues };
		if (v.profile === null) {
			delete attributes[k].fromProfile;
		}
	}
	return { attributes, constraints: def.constraints ?? base.constraints ?? {} };
}

const usedObjects = new Set();

function typeSchema(typeName) {
	if (typeName === 'object') {
		return { type: 'object' }; // OCSF's generic object: "an unordered collection of attributes", any of them.
	}
	if (objects.has(typeName)) {
		usedObjects.add(typeName);
		return { $ref: `#/definitions/object_${typeName}` };
	}
	let t = typeName;
	let regex;
	while (types[t]?.type) {
		regex ??= types[t].regex;
		t = types[t].type;
	}
	regex ??= types[typeName]?.regex;
	switch (t) {
		case 'string_t':
			return regex && typeName === 'datetime_t' ? { type: 'string', pattern: regex } : { type: 'string' };
		case 'integer_t':
		case 'long_t':
		case 'timestamp_t':
			return { type: 'integer' };
		case 'float_t':
			return { type: 'number' };
		case 'boolean_t':
			return { type: 'boolean' };
		case 'json_t':
			return {};
		case 'object_t':
			return { type: 'object' };
		default:
			throw new Error(`unknown OCSF type ${typeName}`);
	}
}

function attributeSchema(name, attr) {
	const d = dict[name];
	if (!d) {
		throw new Error(`attribute ${name} is not in the dictionary`);
	}
	let s = typeSchema(attr.type ?? d.type);
	const values = attr.enum ?? d.enum;
	if (values && (d.type === 'integer_t' || name.endsWith('_id'))) {
		s = { type: 'integer', enum: Object.keys(values).map(Number) };
	}
	return d.is_array ? { type: 'array', items: s } : s;
}

function objectSchema(attributes, constraints) {
	const properties = {};
	const required = [];
	for (const [name, attr] of Object.entries(attributes)) {
		if (attr['@deprecated'] && attr.requirement !== 'required') {
			continue; // Deprecated attributes are not written.
		}
		if (attr.fromProfile && !APPLIED_PROFILES.includes(attr.fromProfile)) {
			continue; // A profile's attributes exist only where the event applies it (metadata.profiles).
		}
		properties[name] = attributeSchema(name, attr);
		if (attr.requirement === 'required') {
			required.push(name);
		}
	}
	const s = { type: 'object', properties, required: required.sort(), additionalProperties: false };
	if (constraints.at_least_one) {
		s.anyOf = constraints.at_least_one.map((k) => ({ required: [k] }));
	}
	if (constraints.just_one) {
		s.oneOf = constraints.just_one.map((k) => ({ required: [k] }));
	}
	return s;
}

const definitions = {};
for (const { name } of OCSF_CLASSES) {
	const def = events.get(name);
	if (!def) {
		throw new Error(`no OCSF class ${name}`);
	}
	const category = def.category ?? (() => {
		for (let p = def; p; p = events.get(p.extends)) {
			if (p.category) return p.category;
		}
	})();
	const classUid = categories[category].uid * 1000 + def.uid;
	const { attributes, constraints } = resolved(def, events);
	const s = objectSchema(attributes, constraints);
	s.title = `${def.caption} (${classUid})`;
	s.properties.class_uid = { const: classUid };
	s.properties.category_uid = { const: categories[category].uid };
	definitions[`class_${name}`] = s;
}
for (let grew = true; grew; ) {
	grew = false;
	for (const name of [...usedObjects]) {
		if (!definitions[`object_${name}`]) {
			const { attributes, constraints } = resolved(objects.get(name), objects);
			definitions[`object_${name}`] = objectSchema(attributes, constraints);
			grew = true;
		}
	}
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'ocsf-classes.schema.json');
writeFileSync(
	out,
	`${JSON.stringify(
		{
			$schema: 'http://json-schema.org/draft-07/schema#',
			$id: 'ocsf-classes',
			$comment: `Generated by test/support/ocsf/generate.mjs from ocsf/ocsf-schema ${version} at commit ${commit}. Do not edit.`,
			definitions,
		},
		null,
		'\t',
	)}\n`,
);
console.log(`${relative(process.cwd(), out)}: ${OCSF_CLASSES.length} classes, ${usedObjects.size} objects (OCSF ${version})`);
