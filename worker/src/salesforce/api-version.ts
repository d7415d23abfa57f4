/**
 * REST API version OrgWarden speaks. 62.0 (Winter '25) has every object the worker reads
 * (LoginHistory.CountryIso ≥37, EventLogFile Interval/Sequence ≥37, composite upsert ≥46).
 */
export const API_VERSION = '62.0';
