import { createElement } from 'lwc';
import WardenStatus from 'c/wardenStatus';
import { graphql, refreshGraphQL } from 'lightning/uiGraphQLApi';

// GraphQL wire payloads (the `data` part of the response) and errors, as Lightning Data Service
// delivers them for the component's query. Times in them are relative to NOW.
const HEALTHY = require('./data/healthy.json');
const STALE_HEARTBEAT = require('./data/staleHeartbeat.json');
const STREAM_ERROR = require('./data/streamError.json');
const EMPTY = require('./data/empty.json');
const GRAPHQL_ERRORS = require('./data/graphqlErrors.json');

const NOW = Date.parse('2026-11-20T18:00:00.000Z');

// toBeAccessible comes from @sa11y/jest, registered for the lwc project in jest-sa11y-setup.js.

async function render(emit) {
    const element = createElement('c-warden-status', { is: WardenStatus });
    document.body.appendChild(element);
    emit?.();
    // Lets the wire emission re-render the template.
    await Promise.resolve();
    return element;
}

const text = (root, selector) => root.querySelector(selector)?.textContent.replace(/\s+/g, ' ').trim();
const all = (root, selector) => [...root.querySelectorAll(selector)];

function streamRow(root, name) {
    return root.querySelector(`tr[data-stream="${name}"]`);
}

describe('c-warden-status', () => {
    beforeEach(() => {
        jest.spyOn(Date, 'now').mockReturnValue(NOW);
    });

    afterEach(() => {
        // The jsdom instance is shared across test cases in a single file so reset the DOM
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.restoreAllMocks();
        jest.clearAllMocks();
    });

    it('shows a spinner and nothing else while the query is loading', async () => {
        const element = await render();
        const root = element.shadowRoot;

        expect(root.querySelector('lightning-spinner').alternativeText).toBe('Loading OrgWarden status');
        expect(root.querySelector('c-error-panel')).toBeNull();
        expect(root.querySelector('.heartbeat')).toBeNull();
        expect(root.querySelector('.empty-message')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows the shared error panel with the GraphQL errors when the query fails', async () => {
        const element = await render(() => graphql.emitErrors(GRAPHQL_ERRORS));
        const root = element.shadowRoot;

        const panel = root.querySelector('c-error-panel');
        expect(panel.errors).toEqual(GRAPHQL_ERRORS);
        expect(panel.friendlyMessage).toBe('OrgWarden status could not be loaded.');
        expect(root.querySelector('lightning-spinner')).toBeNull();
        expect(root.querySelector('.heartbeat')).toBeNull();
        expect(root.querySelector('.streams')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says OrgWarden has not reported yet when the org has no status record and no open alert', async () => {
        const element = await render(() => graphql.emit(EMPTY));
        const root = element.shadowRoot;

        expect(text(root, '.empty-message')).toContain('OrgWarden has not reported from this org yet.');
        expect(text(root, '.empty-message')).toContain('No open alerts.');
        expect(root.querySelector('.streams')).toBeNull();
        expect(root.querySelector('lightning-progress-bar')).toBeNull();
        expect(root.querySelector('lightning-spinner')).toBeNull();
        expect(root.querySelector('c-error-panel')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a running worker, every stream, API usage against the reserve and the open alerts', async () => {
        const element = await render(() => graphql.emit(HEALTHY));
        const root = element.shadowRoot;

        expect(text(root, '.heartbeat-message')).toBe('1 worker running, heartbeat every 5 min.');
        expect(root.querySelector('.heartbeat-stale')).toBeNull();
        expect(all(root, '.workers lightning-badge').map((badge) => badge.label)).toEqual(['Running']);
        expect(text(root, '.worker')).toContain('ow-worker-1:4121');
        expect(root.querySelector('.worker-details').textContent).toMatch(/^v0\.1\.0 · queue 3 waiting, 0 failed · heartbeat /);

        expect(all(root, '.streams .stream-name').map((cell) => cell.textContent)).toEqual(['audit', 'eventlogs', 'files', 'logins', 'oauth', 'users', 'realtime']);
        expect(streamRow(root, 'eventlogs').querySelector('lightning-badge').label).toBe('Healthy');
        expect(text(streamRow(root, 'eventlogs'), '.lag')).toBe('38 min');
        expect(streamRow(root, 'realtime').querySelector('lightning-badge').label).toBe('Not available');
        expect(text(streamRow(root, 'realtime'), '.lag')).toBe('—');
        // An error from before the last success is kept for reference, not shown as the current problem.
        const loginsError = streamRow(root, 'logins').querySelector('.last-error');
        expect(loginsError.textContent).toContain('UNABLE_TO_LOCK_ROW');
        expect(loginsError.classList).not.toContain('slds-text-color_error');
        expect(text(streamRow(root, 'logins'), 'td:last-child')).toContain('(before the last success)');

        expect(root.querySelector('lightning-progress-bar').value).toBe(41);
        expect(text(root, '.api-used')).toBe('41,230 of 100,000 daily API calls used (41%)');
        expect(text(root, '.api-reserve')).toBe('Reserve: 10,000 calls (10%) always left for other apps.');
        expect(text(root, '.api-available')).toBe('48,770 calls left for OrgWarden before the reserve.');

        // Counts come from the aggregate (all open alerts), not from the five listed.
        expect(all(root, '.severity-counts lightning-badge').map((badge) => badge.label)).toEqual(['High: 2', 'Medium: 4', 'Low: 1']);
        const links = all(root, '.latest-alerts a.alert-link');
        const edges = HEALTHY.uiapi.query.Warden_Alert__c.edges;
        expect(links).toHaveLength(edges.length);
        expect(links[0].textContent).toBe('Impossible travel: avery.lee@example.com');
        expect(links[0].getAttribute('href')).toBe(`/lightning/r/Warden_Alert__c/${edges[0].node.Id}/view`);
        // An alert without a user (password spray) shows its status alone.
        const details = all(root, '.latest-alerts .alert-details').map((p) => p.textContent);
        expect(details[0]).toContain('New · avery.lee@example.com');
        expect(details[1]).toContain('Investigating');
        expect(details[1]).not.toContain('null');
        await expect(element).toBeAccessible();
    });

    it('flags the heartbeat as stale once it is older than two poll intervals', async () => {
        const element = await render(() => graphql.emit(STALE_HEARTBEAT));
        const root = element.shadowRoot;

        const banner = root.querySelector('.heartbeat-stale');
        expect(banner.getAttribute('role')).toBe('alert');
        expect(text(banner, '.heartbeat-message')).toBe(
            'Heartbeat stale: last heard 47 min ago, expected every 5 min. The worker has stopped or cannot reach the org; stream states below are as of its last update.'
        );
        // The newest worker first; the one that stopped cleanly yesterday is not called stale.
        expect(all(root, '.workers lightning-badge').map((badge) => badge.label)).toEqual(['Stale', 'Stopped']);
        expect(all(root, '.workers .worker-name').map((name) => name.textContent)).toEqual(['ow-worker-1:4121', 'ow-worker-2:377']);
        // The streams stay visible, as of the worker's last update.
        expect(all(root, '.streams .stream-name')).toHaveLength(7);
        await expect(element).toBeAccessible();
    });

    it('keeps a heartbeat exactly two intervals old as running', async () => {
        Date.now.mockReturnValue(Date.parse('2026-11-20T17:23:00.000Z'));
        const element = await render(() => graphql.emit(STALE_HEARTBEAT));
        expect(element.shadowRoot.querySelector('.heartbeat-stale')).toBeNull();
        expect(text(element.shadowRoot, '.heartbeat-message')).toBe('1 worker running, heartbeat every 5 min.');
    });

    it('shows a failing stream with its current error and API usage at the reserve', async () => {
        const element = await render(() => graphql.emit(STREAM_ERROR));
        const root = element.shadowRoot;

        const eventlogs = streamRow(root, 'eventlogs');
        expect(eventlogs.classList).toContain('stream-row_error');
        expect(eventlogs.querySelector('lightning-badge').label).toBe('Failing');
        expect(eventlogs.querySelector('lightning-badge').classList).toContain('slds-theme_error');
        expect(text(eventlogs, '.state-reason')).toBe('SF_AUTH_FAILED: needs a person (credentials or configuration)');
        expect(text(eventlogs, '.lag')).toBe('8 h 32 min');
        const error = eventlogs.querySelector('.last-error');
        expect(error.textContent).toBe('SF_AUTH_FAILED: INVALID_SESSION_ID: Session expired or invalid');
        expect(error.classList).toContain('slds-text-color_error');
        expect(text(eventlogs, 'td:last-child')).not.toContain('before the last success');

        expect(streamRow(root, 'logins').querySelector('lightning-badge').label).toBe('Degraded');
        expect(text(streamRow(root, 'logins'), '.state-reason')).toBe('held back: the org API allocation is at the reserve');
        expect(streamRow(root, 'audit').classList).not.toContain('stream-row_error');

        expect(root.querySelector('lightning-progress-bar').value).toBe(92);
        const available = root.querySelector('.api-available');
        expect(available.textContent).toBe('At the reserve: OrgWarden holds its polling back until usage falls.');
        expect(available.classList).toContain('slds-text-color_error');
        expect(text(root, '.worker')).toContain('14 waiting, 2 failed');
        await expect(element).toBeAccessible();
    });

    it('asks Lightning Data Service to refresh the query from the card action', async () => {
        const element = await render(() => graphql.emit(HEALTHY));
        element.shadowRoot.querySelector('lightning-button-icon').click();
        expect(refreshGraphQL).toHaveBeenCalledWith(expect.objectContaining({ data: HEALTHY }));
    });
});
