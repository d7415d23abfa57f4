/**
 * Turns the GraphQL edges of Warden_Status__c and Warden_Alert__c into what the template shows.
 * Pure functions of the response (and of "now" for the heartbeat), so every state is testable
 * from a JSON payload. Field meanings: force-app/main/default/objects/Warden_Status__c/fields.
 */

// Severity__c picklist API names, most severe first (the order the counts are shown in).
const SEVERITIES = ['High', 'Medium', 'Low'];
const SEVERITY_BADGE = {
    High: 'slds-theme_error',
    Medium: 'slds-theme_warning',
    Low: 'slds-badge_lightest'
};
const ALERT_URL_PREFIX = '/lightning/r/Warden_Alert__c/';

// State__c picklist API names → label and badge style.
const STATES = {
    Healthy: { label: 'Healthy', badge: 'slds-theme_success' },
    Degraded: { label: 'Degraded', badge: 'slds-theme_warning' },
    Failing: { label: 'Failing', badge: 'slds-theme_error' },
    Disabled: { label: 'Disabled', badge: '' },
    Not_Available: { label: 'Not available', badge: 'slds-badge_lightest' }
};

// A worker record not refreshed for this many poll intervals belongs to a process that is gone
// (Heartbeat__c's definition; the worker refreshes it at least every 1.25 intervals).
export const STALE_AFTER_INTERVALS = 2;

const MINUTE_MS = 60000;

const value = (node, field) => node?.[field]?.value ?? null;
const timeOf = (iso) => (iso ? Date.parse(iso) : null);
const number = new Intl.NumberFormat('en-US');

/** "45 min", "2 h 5 min", "3 d 4 h": a lag or an age in minutes. */
export function formatMinutes(minutes) {
    if (minutes === null || minutes === undefined) {
        return '—';
    }
    const total = Math.max(0, Math.round(minutes));
    if (total < 60) {
        return `${total} min`;
    }
    if (total < 48 * 60) {
        const rest = total % 60;
        return rest === 0 ? `${Math.floor(total / 60)} h` : `${Math.floor(total / 60)} h ${rest} min`;
    }
    const hours = Math.floor(total / 60) % 24;
    return hours === 0 ? `${Math.floor(total / 1440)} d` : `${Math.floor(total / 1440)} d ${hours} h`;
}

function stateOf(apiName) {
    return STATES[apiName] ?? { label: apiName ?? 'Unknown', badge: '' };
}

/** One row per data stream. */
export function streamRows(edges) {
    return edges.map(({ node }) => {
        const state = stateOf(value(node, 'State__c'));
        const lastSuccess = timeOf(value(node, 'Last_Success__c'));
        const lastErrorTime = timeOf(value(node, 'Last_Error_Time__c'));
        const lastError = value(node, 'Last_Error__c');
        // The error is kept after a later success; it is the current problem only when it came after it.
        const errorIsCurrent = Boolean(lastError) && (lastSuccess === null || (lastErrorTime ?? 0) >= lastSuccess);
        return {
            id: node.Id,
            name: value(node, 'Stream__c') ?? '(unnamed)',
            stateLabel: state.label,
            stateClass: state.badge,
            reason: value(node, 'State_Reason__c'),
            lag: formatMinutes(value(node, 'Lag_Minutes__c')),
            lastSuccess,
            hasLastSuccess: lastSuccess !== null,
            lastError,
            lastErrorTime,
            hasLastError: Boolean(lastError),
            errorClass: errorIsCurrent ? 'last-error slds-text-color_error' : 'last-error slds-text-color_weak',
            errorNote: errorIsCurrent ? '' : ' (before the last success)',
            rowClass: errorIsCurrent ? 'stream-row stream-row_error' : 'stream-row'
        };
    });
}

/**
 * The worker heartbeat: each worker record's condition and an overall verdict. A worker is
 * running while its heartbeat is younger than two poll intervals, stopped when it wrote Disabled
 * on a clean stop, and stale otherwise (killed, crashed, or cut off from the org).
 */
export function workerSummary(edges, nowMs) {
    const workers = edges
        .map(({ node }) => {
            const heartbeat = timeOf(value(node, 'Heartbeat__c'));
            const intervalMinutes = value(node, 'Poll_Interval_Minutes__c') ?? 5;
            const ageMinutes = heartbeat === null ? null : Math.max(0, (nowMs - heartbeat) / MINUTE_MS);
            let condition = 'Running';
            if (value(node, 'State__c') === 'Disabled') {
                condition = 'Stopped';
            } else if (ageMinutes === null || ageMinutes > STALE_AFTER_INTERVALS * intervalMinutes) {
                condition = 'Stale';
            }
            const pid = value(node, 'Worker_PID__c');
            return {
                id: node.Id,
                name: `${value(node, 'Worker_Host__c') ?? 'unknown host'}${pid === null ? '' : `:${pid}`}`,
                heartbeat,
                ageMinutes,
                intervalMinutes,
                condition,
                conditionClass: { Running: 'slds-theme_success', Stopped: '', Stale: 'slds-theme_error' }[condition],
                details: [
                    value(node, 'Worker_Version__c') ? `v${value(node, 'Worker_Version__c')}` : null,
                    `queue ${number.format(value(node, 'Queue_Waiting__c') ?? 0)} waiting, ${number.format(value(node, 'Queue_Failed__c') ?? 0)} failed`
                ]
                    .filter(Boolean)
                    .join(' · ')
            };
        })
        .sort((a, b) => (b.heartbeat ?? 0) - (a.heartbeat ?? 0));
    const latest = workers[0];
    const running = workers.some((worker) => worker.condition === 'Running');
    const summary = { workers, hasWorkers: workers.length > 0, isRunning: running, isStale: false, isStopped: false, message: '' };
    if (!latest) {
        summary.message = 'No worker has reported yet.';
    } else if (running) {
        const count = workers.filter((worker) => worker.condition === 'Running').length;
        summary.message = `${count} worker${count === 1 ? '' : 's'} running, heartbeat every ${latest.intervalMinutes} min.`;
    } else if (latest.condition === 'Stopped') {
        summary.isStopped = true;
        summary.message = `The worker stopped cleanly ${formatMinutes(latest.ageMinutes)} ago: nothing is watching this org. Stream states are as of that time.`;
    } else {
        summary.isStale = true;
        summary.message =
            latest.ageMinutes === null
                ? 'The worker never sent a heartbeat: it may have stopped or cannot reach the org.'
                : `Heartbeat stale: last heard ${formatMinutes(latest.ageMinutes)} ago, expected every ${latest.intervalMinutes} min. ` +
                  'The worker has stopped or cannot reach the org; stream states below are as of its last update.';
    }
    return summary;
}

/**
 * The org's API usage against OrgWarden's reserve, from the freshest record that carries it
 * (workers first: they are rewritten every heartbeat). Null when no record has the figures.
 */
export function apiUsage(workerEdges, streamEdges) {
    const byFreshness = (field) => (a, b) => (timeOf(value(b.node, field)) ?? 0) - (timeOf(value(a.node, field)) ?? 0);
    const candidates = [...[...workerEdges].sort(byFreshness('Heartbeat__c')), ...[...streamEdges].sort(byFreshness('Last_Success__c'))];
    const source = candidates.find(({ node }) => value(node, 'API_Calls_Limit__c') > 0 && value(node, 'API_Calls_Used__c') !== null);
    if (!source) {
        return null;
    }
    const used = value(source.node, 'API_Calls_Used__c');
    const limit = value(source.node, 'API_Calls_Limit__c');
    const reserve = value(source.node, 'API_Calls_Reserve__c') ?? 0;
    const available = Math.max(0, limit - reserve - used);
    const percent = Math.min(100, Math.round((used / limit) * 100));
    const atReserve = available === 0;
    return {
        percent,
        usedText: `${number.format(used)} of ${number.format(limit)} daily API calls used (${percent}%)`,
        reserveText: `Reserve: ${number.format(reserve)} calls (${Math.round((reserve / limit) * 100)}%) always left for other apps.`,
        availableText: atReserve
            ? 'At the reserve: OrgWarden holds its polling back until usage falls.'
            : `${number.format(available)} calls left for OrgWarden before the reserve.`,
        availableClass: atReserve ? 'api-available slds-text-color_error' : 'api-available',
        atReserve
    };
}

/** One entry per severity, always all three, zero when there is no open alert of it. */
export function severityCounts(edges) {
    const counts = new Map();
    for (const { node } of edges) {
        counts.set(node.aggregate.Severity__c.value, node.aggregate.Id.count.value);
    }
    return SEVERITIES.map((severity) => {
        const count = counts.get(severity) ?? 0;
        return { severity, count, label: `${severity}: ${count}`, badgeClass: SEVERITY_BADGE[severity] };
    });
}

export function latestAlerts(edges) {
    return edges.map(({ node }) => ({
        id: node.Id,
        name: value(node, 'Name'),
        url: `${ALERT_URL_PREFIX}${node.Id}/view`,
        severity: value(node, 'Severity__c'),
        severityClass: SEVERITY_BADGE[value(node, 'Severity__c')],
        // Status and username, leaving out whichever is empty (an alert may not be about one user).
        details: [value(node, 'Status__c'), value(node, 'Username__c')].filter(Boolean).join(' · '),
        lastOccurrence: timeOf(value(node, 'Last_Occurrence__c'))
    }));
}
