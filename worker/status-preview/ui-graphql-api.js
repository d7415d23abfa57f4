// Stands in for Lightning Data Service's `lightning/uiGraphQLApi` in the status preview: the
// component's compiled code is the same as in Lightning, only this module differs. It fetches
// the GraphQL response the worker builds from the org's Warden_Status__c and Warden_Alert__c
// records (GET status/graphql, same origin, same credentials as the page) and emits it as the
// wire adapter does: { data, errors }, with both undefined while loading.

const ENDPOINT = 'status/graphql';
const refreshers = new WeakMap();

/** The query is compiled into the component; the worker answers for the operation by name. */
export function gql(strings, ...values) {
    return strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
}

function operationName(query) {
    const match = /\bquery\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query ?? '');
    return match ? match[1] : '';
}

async function fetchResult(query) {
    const params = new URLSearchParams(window.location.search);
    params.set('operation', operationName(query));
    try {
        const response = await fetch(`${ENDPOINT}?${params}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
        const body = await response.json().catch(() => null);
        if (!response.ok || !body) {
            return { data: undefined, errors: body?.errors ?? [{ message: `The OrgWarden worker answered ${response.status} ${response.statusText}` }] };
        }
        return { data: body.data ?? undefined, errors: body.errors?.length ? body.errors : undefined };
    } catch (err) {
        return { data: undefined, errors: [{ message: `The OrgWarden worker could not be reached: ${err.message}` }] };
    }
}

export class graphql {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.query = undefined;
    }

    connect() {
        this.connected = true;
        this.dataCallback({ data: undefined, errors: undefined });
        if (this.query !== undefined) this.load();
    }

    disconnect() {
        this.connected = false;
    }

    update(config) {
        this.query = config.query;
        if (this.connected) this.load();
    }

    async load() {
        const result = await fetchResult(this.query);
        if (!this.connected) return;
        refreshers.set(result, () => this.load());
        this.dataCallback(result);
    }
}

/** As in Lightning: re-runs the query that produced `result` and emits the fresh response. */
export function refreshGraphQL(result) {
    const refresh = refreshers.get(result);
    return refresh ? refresh() : Promise.resolve();
}
