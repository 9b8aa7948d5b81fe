/**
 * What the shell analysis knows about programs: which read the files they are given, which flags take a value,
 * which make them recursive, and which programs only run another command (wrappers).
 */

/** How a program treats its operands. */
export interface ReaderSpec {
	/** Short flags (one letter) that take a value, e.g. `n` for `head -n 5`. */
	shortValue?: string;
	/** Long flags that take a value as the next word when given without `=`. */
	longValue?: string[];
	/** Flags whose value is a file the program reads (e.g. `grep -f FILE`). Short without dash, long with `--`. */
	fileFlags?: string[];
	/** Flags that make the program read directories recursively. */
	recursiveFlags?: string[];
	/** The program always reads directories recursively (rg, ag, tar -c). */
	alwaysRecursive?: boolean;
	/** Leading operands that are not paths (grep's pattern, sed's script, jq's filter). */
	skipOperands?: number;
	/** Flags that supply what the skipped operand would have been (grep -e, sed -e, awk -f). */
	skipCancelledBy?: string[];
	/** With no path operand, the program reads this (grep -r: `.`). */
	defaultOperand?: string;
	/** With no path operand and no recursive flag, nothing is read from disk (stdin). */
	defaultOnlyWhenRecursive?: boolean;
	/** Skips dot files and dot directories unless one of these flags is given (rg, ag). */
	skipsHidden?: string[];
	/** Operands of the form `name=value` are assignments, not files (awk). */
	assignmentOperands?: boolean;
	/** Only operands before the last are read (cp, mv, rsync, scp: the last is the destination). */
	lastIsDestination?: boolean;
	/** Flags that name the destination so that every operand is a source (cp -t DIR). */
	targetFlags?: string[];
	/** The first operand is written, the others read (zip out.zip files...). */
	firstIsOutput?: boolean;
	/** Flags after which the rest of the words are not paths (e.g. jq --args). */
	stopFlags?: string[];
}

const GREP_VALUE = 'efmABCdDX';
const GREP_LONG = ['--regexp', '--file', '--max-count', '--after-context', '--before-context', '--context', '--directories', '--devices', '--include', '--exclude', '--exclude-dir', '--exclude-from', '--label', '--color', '--colour', '--binary-files', '--group-separator'];

/** Programs that read (and usually print) the files named on their command line. */
export const READERS: Record<string, ReaderSpec> = {
	cat: {},
	tac: { shortValue: 's', longValue: ['--separator'] },
	nl: { shortValue: 'bdfhilnsvw' },
	od: { shortValue: 'AjNSt', longValue: ['--address-radix', '--skip-bytes', '--read-bytes', '--format', '--width'] },
	xxd: { shortValue: 'clgos', longValue: ['-cols', '-len', '-seek', '-groupsize', '-offset'] },
	hexdump: { shortValue: 'efnsS' },
	hd: { shortValue: 'efns' },
	strings: { shortValue: 'nteoT', longValue: ['--bytes', '--encoding', '--radix', '--target'] },
	head: { shortValue: 'nc', longValue: ['--lines', '--bytes'] },
	tail: { shortValue: 'ncsF', longValue: ['--lines', '--bytes', '--sleep-interval', '--pid', '--max-unchanged-stats'] },
	less: { shortValue: 'bhjkoOpPtTxyz#', longValue: ['--log-file', '--tag', '--pattern', '--prompt', '--tabs'] },
	more: { shortValue: 'n' },
	most: {},
	pg: {},
	bat: { shortValue: 'lHrmp', longValue: ['--language', '--highlight-line', '--line-range', '--map-syntax', '--theme', '--style', '--tabs', '--wrap', '--terminal-width', '--file-name', '--diff-context', '--color', '--paging', '--pager', '--italic-text', '--decorations'] },
	batcat: { shortValue: 'lHrmp', longValue: ['--language', '--highlight-line', '--line-range', '--map-syntax', '--theme', '--style', '--tabs', '--wrap', '--file-name'] },
	view: {},
	vi: { shortValue: 'cStTuUwWir' },
	vim: { shortValue: 'cStTuUwWir' },
	nvim: { shortValue: 'cStTuUwWir' },
	gvim: { shortValue: 'cStTuUwWir' },
	vimdiff: {},
	nano: { shortValue: 'CoQrTXY' },
	pico: {},
	emacs: { longValue: ['--eval', '--load', '--funcall'] },
	micro: {},
	ed: { shortValue: 'p' },
	ex: {},
	joe: {},
	mcedit: {},
	code: { longValue: ['--goto'] },
	subl: {},
	gedit: {},
	grep: { shortValue: GREP_VALUE, longValue: GREP_LONG, fileFlags: ['f', '--file'], recursiveFlags: ['r', 'R', '--recursive', '--dereference-recursive', '--directories=recurse'], skipOperands: 1, skipCancelledBy: ['e', 'f', '--regexp', '--file'], defaultOperand: '.', defaultOnlyWhenRecursive: true },
	egrep: { shortValue: GREP_VALUE, longValue: GREP_LONG, fileFlags: ['f', '--file'], recursiveFlags: ['r', 'R', '--recursive'], skipOperands: 1, skipCancelledBy: ['e', 'f', '--regexp', '--file'], defaultOperand: '.', defaultOnlyWhenRecursive: true },
	fgrep: { shortValue: GREP_VALUE, longValue: GREP_LONG, fileFlags: ['f', '--file'], recursiveFlags: ['r', 'R', '--recursive'], skipOperands: 1, skipCancelledBy: ['e', 'f', '--regexp', '--file'], defaultOperand: '.', defaultOnlyWhenRecursive: true },
	zgrep: { shortValue: GREP_VALUE, longValue: GREP_LONG, fileFlags: ['f'], skipOperands: 1, skipCancelledBy: ['e', 'f'] },
	rg: {
		shortValue: 'efgtTmABCMjEdr',
		longValue: ['--regexp', '--file', '--glob', '--iglob', '--type', '--type-not', '--type-add', '--max-count', '--after-context', '--before-context', '--context', '--max-columns', '--threads', '--encoding', '--max-depth', '--replace', '--sort', '--sortr', '--colors', '--color', '--ignore-file', '--max-filesize', '--path-separator', '--pre', '--pre-glob', '--engine', '--context-separator', '--field-match-separator'],
		fileFlags: ['f', '--file', '--ignore-file'],
		alwaysRecursive: true,
		skipOperands: 1,
		skipCancelledBy: ['e', 'f', '--regexp', '--file', '--files', '--type-list'],
		defaultOperand: '.',
		skipsHidden: ['--hidden', '-.', 'u', '--unrestricted', '--no-ignore-dot'],
	},
	ag: { shortValue: 'ABCGgmpW', longValue: ['--after', '--before', '--context', '--file-search-regex', '--ignore', '--ignore-dir', '--max-count', '--path-to-ignore', '--depth', '--pager'], alwaysRecursive: true, skipOperands: 1, defaultOperand: '.', skipsHidden: ['--hidden', 'u', '--unrestricted', '-a', '--all-types'] },
	ack: { shortValue: 'ABCgm', longValue: ['--after-context', '--before-context', '--context', '--match', '--max-count', '--output', '--type', '--ignore-dir', '--ignore-file'], alwaysRecursive: true, skipOperands: 1, skipCancelledBy: ['--match', 'f'], defaultOperand: '.' },
	sed: { shortValue: 'eflEs', longValue: ['--expression', '--file', '--line-length'], fileFlags: ['f', '--file'], skipOperands: 1, skipCancelledBy: ['e', 'f', '--expression', '--file'] },
	gsed: { shortValue: 'efl', longValue: ['--expression', '--file'], fileFlags: ['f', '--file'], skipOperands: 1, skipCancelledBy: ['e', 'f', '--expression', '--file'] },
	awk: { shortValue: 'Fvf', longValue: ['--field-separator', '--assign', '--file'], fileFlags: ['f', '--file'], skipOperands: 1, skipCancelledBy: ['f', '--file'], assignmentOperands: true },
	gawk: { shortValue: 'FvfiEl', longValue: ['--field-separator', '--assign', '--file', '--include', '--exec'], fileFlags: ['f', 'i', 'E', '--file', '--include', '--exec'], skipOperands: 1, skipCancelledBy: ['f', 'E', '--file', '--exec'], assignmentOperands: true },
	mawk: { shortValue: 'Fvf', fileFlags: ['f'], skipOperands: 1, skipCancelledBy: ['f'], assignmentOperands: true },
	nawk: { shortValue: 'Fvf', fileFlags: ['f'], skipOperands: 1, skipCancelledBy: ['f'], assignmentOperands: true },
	base64: { shortValue: 'w', longValue: ['--wrap'] },
	base32: { shortValue: 'w', longValue: ['--wrap'] },
	basenc: { shortValue: 'w', longValue: ['--wrap'] },
	uuencode: {},
	cut: { shortValue: 'bcdf', longValue: ['--bytes', '--characters', '--delimiter', '--fields', '--output-delimiter'] },
	sort: { shortValue: 'ktoST', longValue: ['--key', '--field-separator', '--output', '--buffer-size', '--temporary-directory', '--parallel', '--files0-from', '--batch-size', '--compress-program', '--random-source', '--sort'], fileFlags: ['--files0-from', '--random-source'] },
	uniq: { shortValue: 'fsw', longValue: ['--skip-fields', '--skip-chars', '--check-chars', '--all-repeated', '--group'] },
	paste: { shortValue: 'd', longValue: ['--delimiters'] },
	join: { shortValue: 'aejotv12' },
	comm: { longValue: ['--output-delimiter'] },
	fold: { shortValue: 'w', longValue: ['--width'] },
	fmt: { shortValue: 'wpgd' },
	pr: { shortValue: 'hwloNs' },
	column: { shortValue: 'csoNRHWOEl' },
	rev: {},
	expand: { shortValue: 't' },
	unexpand: { shortValue: 't' },
	split: { shortValue: 'lbCna', longValue: ['--lines', '--bytes', '--line-bytes', '--number', '--suffix-length', '--additional-suffix'] },
	csplit: { shortValue: 'bfn' },
	iconv: { shortValue: 'fto', longValue: ['--from-code', '--to-code', '--output'] },
	dos2unix: {},
	unix2dos: {},
	look: {},
	cpio: { shortValue: 'FEHIMORCc', longValue: ['--file', '--pattern-file', '--format', '--message', '--owner', '--directory'], fileFlags: ['E', '--pattern-file'] },
	// Checksums, counts and type sniffing read the whole file (a hash or a count of a secret is still about it).
	wc: { longValue: ['--files0-from'] },
	md5sum: {},
	sha1sum: {},
	sha224sum: {},
	sha256sum: {},
	sha384sum: {},
	sha512sum: {},
	shasum: { shortValue: 'a' },
	b2sum: { shortValue: 'l' },
	cksum: { shortValue: 'al' },
	sum: {},
	file: { shortValue: 'fFmPe', fileFlags: ['f', 'm'] },
	// Options that name a file the program reads: date -f (each line as a date, echoed back when invalid).
	date: { shortValue: 'dfrI', longValue: ['--date', '--file', '--reference', '--iso-8601', '--rfc-3339'], fileFlags: ['f', '--file'], defaultOnlyWhenRecursive: true, skipOperands: 99 },
	make: { shortValue: 'fCIjlowW', longValue: ['--file', '--makefile', '--directory', '--include-dir', '--jobs', '--load-average', '--old-file', '--what-if', '--new-file', '--assume-new', '--assume-old'], fileFlags: ['f', '--file', '--makefile'], skipOperands: 99 },
	diff: { shortValue: 'CUIxXSFLD', longValue: ['--context', '--unified', '--ignore-matching-lines', '--exclude', '--exclude-from', '--starting-file', '--label', '--show-function-line', '--new-line-format', '--old-line-format', '--line-format', '--width', '--tabsize', '--to-file', '--from-file', '--color', '--palette'], recursiveFlags: ['r', '--recursive'] },
	sdiff: { shortValue: 'oIw' },
	diff3: { shortValue: 'L' },
	cmp: { shortValue: 'in', longValue: ['--ignore-initial', '--bytes'] },
	colordiff: { recursiveFlags: ['r'] },
	delta: {},
	jq: { shortValue: 'L', longValue: ['--indent', '--from-file', '--tab'], fileFlags: ['f', '--from-file'], skipOperands: 1, skipCancelledBy: ['f', '--from-file', 'n', '--null-input'], stopFlags: ['--args', '--jsonargs'] },
	yq: { shortValue: 'oIpe', longValue: ['--output-format', '--indent', '--input-format', '--expression', '--from-file'], fileFlags: ['--from-file'], skipOperands: 1, skipCancelledBy: ['--from-file', 'n', '--null-input'] },
	gojq: { longValue: ['--indent', '--from-file'], fileFlags: ['--from-file'], skipOperands: 1, skipCancelledBy: ['--from-file', 'n'] },
	xmllint: { longValue: ['--xpath', '--schema', '--relaxng', '--output'] },
	csvlook: {},
	mlr: {},
	cp: { shortValue: 'St', longValue: ['--suffix', '--target-directory', '--backup', '--reflink', '--sparse', '--preserve', '--no-preserve'], recursiveFlags: ['r', 'R', 'a', '--recursive', '--archive'], lastIsDestination: true, targetFlags: ['t', '--target-directory'] },
	mv: { shortValue: 'St', longValue: ['--suffix', '--target-directory', '--backup'], recursiveFlags: [], lastIsDestination: true, targetFlags: ['t', '--target-directory'] },
	ln: { shortValue: 'St', longValue: ['--suffix', '--target-directory', '--backup'], lastIsDestination: true, targetFlags: ['t', '--target-directory'] },
	install: { shortValue: 'gmoSt', longValue: ['--group', '--mode', '--owner', '--suffix', '--target-directory'], lastIsDestination: true, targetFlags: ['t', '--target-directory'] },
	rsync: { shortValue: 'eBfT', longValue: ['--rsh', '--rsync-path', '--exclude', '--include', '--exclude-from', '--include-from', '--files-from', '--filter', '--temp-dir', '--compare-dest', '--link-dest', '--backup-dir', '--suffix', '--chmod', '--bwlimit', '--log-file', '--password-file', '--port', '--timeout', '--max-size', '--min-size'], fileFlags: ['--files-from', '--password-file'], recursiveFlags: ['r', 'a', '--recursive', '--archive'], lastIsDestination: true },
	scp: { shortValue: 'cFiJloPS', fileFlags: ['F', 'i'], recursiveFlags: ['r'], lastIsDestination: true },
	sftp: { shortValue: 'bBcDFioPRsS' },
	tar: { shortValue: 'fCbTXKgLNV', longValue: ['--file', '--directory', '--files-from', '--exclude-from', '--exclude', '--transform', '--owner', '--group', '--mode', '--blocking-factor', '--newer', '--after-date', '--label', '--use-compress-program', '--format', '--strip-components'], fileFlags: ['T', 'X', '--files-from', '--exclude-from'], alwaysRecursive: true },
	bsdtar: { shortValue: 'fCbTX', alwaysRecursive: true },
	zip: { shortValue: 'bnxitTZIDAO', longValue: ['--exclude', '--include', '--password'], recursiveFlags: ['r', 'R', '--recurse-paths'], firstIsOutput: true },
	'7z': { recursiveFlags: ['r'] },
	'7za': { recursiveFlags: ['r'] },
	unzip: { shortValue: 'dxP' },
	gzip: { shortValue: 'S', longValue: ['--suffix'], recursiveFlags: ['r', '--recursive'] },
	gunzip: { shortValue: 'S', recursiveFlags: ['r'] },
	zcat: {},
	zless: {},
	zmore: {},
	bzip2: {},
	bunzip2: {},
	bzcat: {},
	xz: { shortValue: 'FCT' },
	unxz: {},
	xzcat: {},
	zstd: { shortValue: 'oD', recursiveFlags: ['r'] },
	zstdcat: {},
	lz4: {},
	brotli: { shortValue: 'oS' },
	pigz: { recursiveFlags: ['r'] },
	gpg: { shortValue: 'rouk', longValue: ['--recipient', '--output', '--local-user', '--homedir', '--passphrase-file', '--default-key'], fileFlags: ['--passphrase-file'] },
	age: { shortValue: 'rRio', fileFlags: ['R', 'i'] },
	sops: {},
	dd: {},
	md5: {},
	pbcopy: {},
	xclip: { longValue: ['-selection', '-sel', '-t', '-target', '-display'] },
	xsel: {},
	'wl-copy': {},
	lp: { shortValue: 'dnoPqt' },
	lpr: { shortValue: 'PT#CJo' },
	enscript: { shortValue: 'pbo' },
	a2ps: { shortValue: 'o' },
	pandoc: { shortValue: 'oftw', longValue: ['--output', '--from', '--to', '--template', '--metadata', '--variable', '--css', '--resource-path', '--data-dir'] },
	nkf: {},
	recode: {},
	pygmentize: { shortValue: 'lfOPo' },
	highlight: { shortValue: 'Oso' },
	mail: { shortValue: 'sbcAraq', fileFlags: ['A', 'a', 'q'] },
	mutt: { shortValue: 'sbcaFHi', fileFlags: ['a', 'H', 'i'] },
	sqlite3: { longValue: ['-cmd', '-separator', '-init'], fileFlags: ['-init'] },
};

/** Programs that take paths but never print or send their contents (they list, test or change metadata). */
export const NON_READERS = new Set([
	'ls', 'll', 'la', 'dir', 'vdir', 'exa', 'eza', 'lsd', 'tree', 'stat', 'rm', 'rmdir', 'unlink', 'mkdir', 'touch', 'chmod', 'chown',
	'chgrp', 'chattr', 'lsattr', 'setfacl', 'getfacl', 'test', '[', 'echo', 'printf', 'true', 'false', ':', 'pwd', 'which', 'type', 'whereis', 'hash',
	'realpath', 'readlink', 'dirname', 'basename', 'du', 'df', 
	'fd', 'fdfind', 'locate', 'mlocate', 'sleep', 'kill', 'killall', 'pkill', 'ps', 'top', 'htop', 'uptime',
	'export', 'declare', 'typeset', 'local', 'readonly', 'unset', 'set', 'shopt', 'setopt', 'unsetopt', 'alias', 'unalias', 'exit', 'return', 'wait', 
	'mkfifo', 'mknod', 'mktemp', 'id', 'whoami', 'groups', 'hostname', 'uname', 'arch', 'nproc', 'history', 'clear', 'reset', 'tput', 'stty', 'tr', 'tee',
	'yes', 'seq', 'jobs', 'fg', 'bg', 'disown', 'ulimit', 'umask', 'getconf', 'truncate', 'shred', 'sync', 'let', 'read', 'mapfile', 'readarray',
	'shift', 'getopts', 'break', 'continue', 'logger', 'notify-send', 'say', 'open', 'xdg-open', 'start', 'explorer', 'cd', 'pushd', 'popd', 'dirs',
	'npm', 'yarn', 'pnpm', 'bun', 'deno', 'pip', 'pip3', 'uv', 'poetry', 'cargo', 'go', 'cmake', 'ninja', 'mvn', 'gradle', 'dotnet',
	'tsc', 'eslint', 'prettier', 'mocha', 'jest', 'vitest', 'pytest', 'tox', 'docker', 'podman', 'kubectl', 'helm', 'terraform', 'gh', 'ssh-keygen',
	'ping', 'dig', 'nslookup', 'host', 'ifconfig', 'ip', 'netstat', 'ss', 'lsof', 'free', 'vmstat', 'iostat', 'printenv', 'compgen', 'complete',
	'cal', 'bc', 'expr', 'numfmt', 'factor', 'sha', 'rename', 'chflags', 'xattr', 'setfattr', 'getfattr', 'inotifywait', 'entr',
	'fswatch', 'watchman', 'lsblk', 'mount', 'umount', 'whatis', 'man', 'info', 'help', 'apropos', 'tldr',
]);

/** Programs that only run the command that follows them (after their own options). */
export interface WrapperSpec {
	/** Short flags taking a value. */
	shortValue?: string;
	/** Long flags taking a value (when given without `=`). */
	longValue?: string[];
	/** Words to skip after the options before the command (timeout's duration). */
	skipOperands?: number;
	/** Short or long flags whose value is a directory the command runs in. */
	chdirFlags?: string[];
	/** Operands of the form NAME=VALUE are skipped (env). */
	assignments?: boolean;
	/** Flags meaning "do not run the command" (command -v). */
	noRunFlags?: string[];
	/** Flags whose value is a whole command line to parse (env -S). */
	splitFlags?: string[];
}

export const WRAPPERS: Record<string, WrapperSpec> = {
	env: { shortValue: 'uCS', longValue: ['--unset', '--chdir', '--split-string'], chdirFlags: ['C', '--chdir'], assignments: true, splitFlags: ['S', '--split-string'] },
	sudo: { shortValue: 'ugChpTrtUDR', longValue: ['--user', '--group', '--close-from', '--host', '--prompt', '--role', '--type', '--other-user', '--chdir', '--chroot', '--command-timeout'], chdirFlags: ['D', '--chdir'], assignments: true },
	doas: { shortValue: 'uC' },
	run0: { longValue: ['--user', '--chdir'] },
	timeout: { shortValue: 'sk', longValue: ['--signal', '--kill-after'], skipOperands: 1 },
	gtimeout: { shortValue: 'sk', longValue: ['--signal', '--kill-after'], skipOperands: 1 },
	nice: { shortValue: 'n', longValue: ['--adjustment'] },
	renice: { shortValue: 'ngpu' },
	ionice: { shortValue: 'cnp', longValue: ['--class', '--classdata', '--pid'] },
	nohup: {},
	setsid: {},
	command: { noRunFlags: ['v', 'V'] },
	builtin: {},
	exec: { shortValue: 'a' },
	time: { shortValue: 'fo', longValue: ['--format', '--output'] },
	stdbuf: { shortValue: 'ioe', longValue: ['--input', '--output', '--error'] },
	unbuffer: {},
	chronic: {},
	caffeinate: { shortValue: 'tw' },
	taskset: { skipOperands: 1 },
	chrt: { skipOperands: 1 },
	flock: { shortValue: 'wEc', skipOperands: 1 },
	firejail: {},
	proxychains: { shortValue: 'f' },
	torsocks: {},
	'xvfb-run': { shortValue: 'nsfe' },
	strace: { shortValue: 'oeEpPsSuIXb' },
	ltrace: { shortValue: 'oeEpsSuX' },
	valgrind: {},
	'dotenv': { shortValue: 'ecv' },
	then: {},
	do: {},
	else: {},
	'!': {},
};

/** Shells whose `-c STRING` (or script file) we analyse in turn. */
export const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'busybox', 'fish', 'csh', 'tcsh', 'rbash', 'su', 'script']);

/** Interpreters whose inline code we scan, with the flag that introduces the code. */
export const INTERPRETERS: Record<string, string[]> = {
	python: ['-c'],
	python2: ['-c'],
	python3: ['-c'],
	pypy: ['-c'],
	pypy3: ['-c'],
	node: ['-e', '--eval', '-p', '--print'],
	nodejs: ['-e', '--eval', '-p', '--print'],
	perl: ['-e', '-E'],
	ruby: ['-e'],
	php: ['-r'],
	lua: ['-e'],
	luajit: ['-e'],
	Rscript: ['-e'],
	R: ['-e'],
	julia: ['-e', '--eval'],
	tclsh: [],
	osascript: ['-e'],
	pwsh: ['-c', '-Command', '-command'],
	powershell: ['-c', '-Command', '-command'],
	groovy: ['-e'],
	scala: ['-e'],
	jshell: [],
	swift: ['-e'],
	elixir: ['-e'],
	erl: ['-eval'],
	gdb: ['-ex'],
};
