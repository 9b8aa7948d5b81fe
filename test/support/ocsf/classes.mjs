// The OCSF event classes the audit mirror writes, by their OCSF names (see src/core/audit/ocsf.ts for which event
// type goes to which). The generator and the test read this list; the core's mapping must use only these.
export const OCSF_CLASSES = [
	{ name: 'data_security_finding', uid: 2006 },
	{ name: 'compliance_finding', uid: 2003 },
	{ name: 'device_config_state_change', uid: 5019 },
	{ name: 'scan_activity', uid: 6007 },
	// OCSF spells this class's name so (events/system/event_log_activity.json).
	{ name: 'event_log_actvity', uid: 1008 },
];

/** The OCSF profiles every event applies (listed in its metadata.profiles): the device and actor (host), and the
 * action and disposition of a control (security_control). */
export const APPLIED_PROFILES = ['host', 'security_control'];
