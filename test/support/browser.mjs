// Debian's Chromium driven by playwright-core (no browser download): the options that work on these machines.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './setup.mjs';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Launches headless Chromium; set CW_HEADED=1 (with a display) to watch. */
export async function launchBrowser() {
	const executablePath = process.env.CW_CHROMIUM ?? CHROMIUM;
	if (!existsSync(executablePath)) {
		throw new Error(`${executablePath} not found: run node test/support/setup.mjs (it installs Debian's chromium)`);
	}
	return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: process.env.CW_HEADED !== '1' });
}
