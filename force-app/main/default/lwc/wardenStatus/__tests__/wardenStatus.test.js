import { createElement } from 'lwc';
import WardenStatus from 'c/wardenStatus';
import { graphql } from 'lightning/uiGraphQLApi';

// GraphQL wire payloads (the `data` part of the response) and errors, as Lightning Data Service delivers them.
const OPEN_ALERTS = require('./data/openAlerts.json');
const NO_OPEN_ALERTS = require('./data/noOpenAlerts.json');
const GRAPHQL_ERRORS = require('./data/graphqlErrors.json');

// toBeAccessible comes from @sa11y/jest, registered for the lwc project in jest-sa11y-setup.js (as lwc-recipes do).

function createComponent() {
    const element = createElement('c-warden-status', { is: WardenStatus });
    document.body.appendChild(element);
    return element;
}

// Lets the wire emission re-render the template.
function flushPromises() {
    return Promise.resolve();
}

async function render(emit) {
    const element = createComponent();
    emit?.();
    await flushPromises();
    return element;
}

const STATES = {
    loading: () => render(),
    data: () => render(() => graphql.emit(OPEN_ALERTS)),
    empty: () => render(() => graphql.emit(NO_OPEN_ALERTS)),
    error: () => render(() => graphql.emitErrors(GRAPHQL_ERRORS))
};

describe('c-warden-status', () => {
    afterEach(() => {
        // The jsdom instance is shared across test cases in a single file so reset the DOM
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('shows a spinner and nothing else while the query is loading', async () => {
        const element = await STATES.loading();
        const root = element.shadowRoot;

        const spinner = root.querySelector('lightning-spinner');
        expect(spinner).not.toBeNull();
        expect(spinner.alternativeText).toBe('Loading OrgWarden alerts');
        expect(root.querySelector('c-error-panel')).toBeNull();
        expect(root.querySelector('.severity-counts')).toBeNull();
        expect(root.querySelector('.empty-message')).toBeNull();
    });

    it('shows open alerts by severity and links to the latest open alerts', async () => {
        const element = await STATES.data();
        const root = element.shadowRoot;

        expect(root.querySelector('lightning-spinner')).toBeNull();
        expect(root.querySelector('c-error-panel')).toBeNull();
        expect(root.querySelector('.empty-message')).toBeNull();

        // Counts come from the aggregate (all open alerts), not from the five listed.
        const badges = [...root.querySelectorAll('.severity-counts lightning-badge')].map((badge) => badge.label);
        expect(badges).toEqual(['High: 2', 'Medium: 4', 'Low: 1']);

        const links = [...root.querySelectorAll('.latest-alerts a.alert-link')];
        const edges = OPEN_ALERTS.uiapi.query.Warden_Alert__c.edges;
        expect(links).toHaveLength(edges.length);
        expect(links[0].textContent).toBe('Impossible travel: avery.lee@example.com');
        expect(links[0].getAttribute('href')).toBe(`/lightning/r/Warden_Alert__c/${edges[0].node.Id}/view`);

        // An alert without a user (password spray) shows its status alone.
        const details = [...root.querySelectorAll('.latest-alerts .alert-details')].map((p) => p.textContent);
        expect(details[0]).toContain('New · avery.lee@example.com');
        expect(details[1]).toContain('Investigating');
        expect(details[1]).not.toContain('null');
    });

    it('shows a zero count for a severity without open alerts', async () => {
        const onlyHigh = JSON.parse(JSON.stringify(OPEN_ALERTS));
        onlyHigh.uiapi.aggregate.Warden_Alert__c.edges = onlyHigh.uiapi.aggregate.Warden_Alert__c.edges.slice(0, 1);
        const element = await render(() => graphql.emit(onlyHigh));

        const badges = [...element.shadowRoot.querySelectorAll('.severity-counts lightning-badge')].map((badge) => badge.label);
        expect(badges).toEqual(['High: 2', 'Medium: 0', 'Low: 0']);
    });

    it('says there are no open alerts when the query returns none', async () => {
        const element = await STATES.empty();
        const root = element.shadowRoot;

        expect(root.querySelector('.empty-message').textContent).toBe('No open alerts');
        expect(root.querySelector('.severity-counts')).toBeNull();
        expect(root.querySelector('.latest-alerts')).toBeNull();
        expect(root.querySelector('lightning-spinner')).toBeNull();
        expect(root.querySelector('c-error-panel')).toBeNull();
    });

    it('shows the shared error panel with the GraphQL errors when the query fails', async () => {
        const element = await STATES.error();
        const root = element.shadowRoot;

        const panel = root.querySelector('c-error-panel');
        expect(panel).not.toBeNull();
        expect(panel.errors).toEqual(GRAPHQL_ERRORS);
        expect(panel.friendlyMessage).toBe('OrgWarden alerts could not be loaded.');
        expect(root.querySelector('lightning-spinner')).toBeNull();
        expect(root.querySelector('.severity-counts')).toBeNull();
        expect(root.querySelector('.empty-message')).toBeNull();
    });

    describe('accessibility', () => {
        for (const [state, renderState] of Object.entries(STATES)) {
            it(`is accessible in the ${state} state`, async () => {
                const element = await renderState();
                await expect(element).toBeAccessible();
            });
        }
    });
});
